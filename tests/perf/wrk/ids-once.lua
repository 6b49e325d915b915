-- GET /api/v1/disputes/{id} with a bearer token, each seeded case id (ids.txt) once: thread k of THREADS (default 2)
-- reads ids k+1, k+1+THREADS, ... and stops once all of its share has been answered, then leaves a file named k in
-- DONE_DIR. wrk itself runs on until its -d or a SIGINT (http.sh sends one when every thread is done), so the
-- requests per second printed here come from each thread's own clock: answers ÷ (last answer − first request).
-- The first read of a case misses the app's kept answers: this is what a case costs before it has been read.
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } wrk_timeval;
  int gettimeofday(wrk_timeval *tv, void *tz);
]]
local function now()
  local tv = ffi.new("wrk_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

dofile(os.getenv("WRK_DIR") .. "/detail.lua")
local ids = case_ids
local stride = tonumber(os.getenv("THREADS") or "2")
local threads = {}
function setup(thread)
  thread:set("index", #threads)
  threads[#threads + 1] = thread
end

local sent, answered, share = 0, 0, nil
request = function()
  if sent == 0 then
    share = math.ceil((#ids - index) / stride)
    first = now()
  end
  -- past its share a connection re-reads the thread's first id until the last answers arrive
  local id = ids[index + 1 + sent * stride] or ids[index + 1]
  sent = sent + 1
  return detail_request(id)
end
response = function(status)
  answered = answered + 1
  if answered == share then
    last = now()
    reads = answered
    io.open(os.getenv("DONE_DIR") .. "/" .. index, "w"):close()
    wrk.thread:stop()
  end
end

done = function(summary, latency)
  local from, to, reads_total = math.huge, 0, 0
  for _, thread in ipairs(threads) do
    from = math.min(from, thread:get("first") or math.huge)
    to = math.max(to, thread:get("last") or 0)
    reads_total = reads_total + (thread:get("reads") or 0)
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n", reads_total / (to - from),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, reads_total, summary.errors.status, errors))
  if reads_total ~= #ids then io.write(string.format("INCOMPLETE %d of %d cases read\n", reads_total, #ids)) end
end
