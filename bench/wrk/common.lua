-- Shared by the benchmark's wrk scripts. wrk runs with one connection per thread (-t N -c N), so each
-- thread is one simulated worker whose requests go one after the other: a response belongs to the
-- request the same thread sent last.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } polder_timespec;
  int clock_gettime(int clk_id, polder_timespec *tp);
]]
local ts = ffi.new("polder_timespec")

-- Microseconds on the monotonic clock.
function now_us()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

-- Each thread gets the next worker's token from the file named by POLDER_TOKENS, one per line.
local tokens = {}
local next_thread = 0
function read_tokens()
  local path = os.getenv("POLDER_TOKENS")
  if path then
    for line in io.lines(path) do tokens[#tokens + 1] = line end
  end
end

-- wrk calls setup once per thread, in the main script state: each thread is kept (for done) and gets its token.
threads = {}
function setup(thread)
  table.insert(threads, thread)
  give_token(thread)
end

function give_token(thread)
  next_thread = next_thread + 1
  thread:set("id", next_thread)
  if #tokens > 0 then
    thread:set("token", tokens[((next_thread - 1) % #tokens) + 1])
  end
end

-- Latencies of the requests a script times, in buckets of 100 microseconds up to 10 s.
function new_histogram() return { n = 0 } end

function record(h, us)
  local b = math.min(math.floor(us / 100), 100000)
  h[b] = (h[b] or 0) + 1
  h.n = h.n + 1
end

function merged(threads, name)
  local all = { n = 0 }
  for _, t in ipairs(threads) do
    local h = t:get(name)
    if h then
      for k, v in pairs(h) do
        if k == "n" then all.n = all.n + v else all[k] = (all[k] or 0) + v end
      end
    end
  end
  return all
end

function percentile(h, p)
  if h.n == 0 then return 0 end
  local want = h.n * p / 100
  local seen = 0
  for b = 0, 100000 do
    seen = seen + (h[b] or 0)
    if seen >= want then return (b + 0.5) / 10 end
  end
  return 10000
end
