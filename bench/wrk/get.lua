-- One GET per request, with the worker's bearer token when POLDER_TOKENS names a file of tokens.
-- Usage: wrk -t N -c N -d 20s -s get.lua http://127.0.0.1:PORT/api/v1/me
package.path = os.getenv("POLDER_WRK") .. "/?.lua;" .. package.path
require("common")
read_tokens()

function init(args)
  errors = 0
  if token then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local errs = 0
  for _, t in ipairs(threads) do errs = errs + (t:get("errors") or 0) end
  io.write(string.format("polder: requests %d errors %d p50 %.1f p99 %.1f\n", summary.requests, errs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
