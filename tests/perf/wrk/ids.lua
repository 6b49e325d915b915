-- GET /api/v1/disputes/{id} with a bearer token, over the seeded case ids (ids.txt), round robin per thread.
dofile(os.getenv("WRK_DIR") .. "/report.lua")
dofile(os.getenv("WRK_DIR") .. "/detail.lua")
local ids = case_ids
local i = 0
function setup(thread) thread:set("offset", math.random(#ids)) end
request = function()
  i = i + 1
  local id = ids[((i + offset) % #ids) + 1]
  return detail_request(id)
end
