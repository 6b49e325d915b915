-- GET wrk's URL with the headers of the environment: COOKIE (a signed-in page session) and/or TOKEN (bearer).
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local headers = { ["Accept-Language"] = "zh-CN" }
if os.getenv("COOKIE") then headers["Cookie"] = os.getenv("COOKIE") end
if os.getenv("TOKEN") then headers["Authorization"] = "Bearer " .. os.getenv("TOKEN") end
request = function() return wrk.format("GET", nil, headers) end
