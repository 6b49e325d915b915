-- GET wrk's URL with the headers of the environment: COOKIE (a signed-in page session), TOKEN (bearer) and/or
-- ACCEPT_ENCODING (as a browser sends it).
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local headers = { ["Accept-Language"] = "zh-CN" }
if os.getenv("COOKIE") then headers["Cookie"] = os.getenv("COOKIE") end
if os.getenv("ACCEPT_ENCODING") then headers["Accept-Encoding"] = os.getenv("ACCEPT_ENCODING") end
if os.getenv("TOKEN") then headers["Authorization"] = "Bearer " .. os.getenv("TOKEN") end
request = function() return wrk.format("GET", nil, headers) end
