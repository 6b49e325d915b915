-- GET /api/v1/disputes/{id} with a bearer token, over the seeded case ids (ids.txt), round robin per thread.
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
local token = os.getenv("TOKEN")
local i = 0
function setup(thread) thread:set("offset", math.random(#ids)) end
request = function()
  i = i + 1
  local id = ids[((i + offset) % #ids) + 1]
  return wrk.format("GET", "/api/v1/disputes/" .. id, { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" })
end
