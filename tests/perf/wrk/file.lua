-- POST /api/v1/disputes: a merchant files a RefundOnly draft (draft.json, the JSON the API documents), bearer token
-- from TOKEN. http.sh's writer files the same draft with curl.
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local body = io.open(os.getenv("WRK_DIR") .. "/draft.json"):read("*a")
local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json" }
request = function() return wrk.format("POST", "/api/v1/disputes", headers, body) end
