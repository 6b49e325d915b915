-- Shared by ids.lua and ids-once.lua, so the first reads and the steady state send the same request: the seeded
-- case ids (IDS_FILE, one per line) and GET /api/v1/disputes/{id} with the bearer token TOKEN.
case_ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do case_ids[#case_ids + 1] = line end
local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Accept"] = "application/json" }
function detail_request(id) return wrk.format("GET", "/api/v1/disputes/" .. id, headers) end
