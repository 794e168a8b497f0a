-- Workers doing tasks through the API, one after the other without pause: claim (one task, or a suite
-- of POLDER_SUITE tasks), then hand in the answers, then claim again. A worker whose claim is refused
-- because it already holds tasks (a claim that timed out on the client but went through) fetches the
-- tasks it holds and hands them in, as an app would.
-- With POLDER_THINK_MS a worker pauses before each claim, for that long on average (uniformly between half
-- and one and a half times it), as a person reading the tasks would: the load offered is then set by the
-- pause, not by how fast the node answers. The pause is not part of the claim's latency.
-- Usage: POLDER_BATCH=id POLDER_SUITE=1 POLDER_TOKENS=file wrk -t N -c N -d 20s -s tasks.lua http://127.0.0.1:PORT
package.path = os.getenv("POLDER_WRK") .. "/?.lua;" .. package.path
require("common")
read_tokens()

local batch = os.getenv("POLDER_BATCH")
local suite = tonumber(os.getenv("POLDER_SUITE") or "1")
local think = tonumber(os.getenv("POLDER_THINK_MS") or "0")

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
  held = {}          -- assignment ids claimed and not yet handed in
  sent = nil         -- "claim" or "submit": what the last request was
  sent_at = 0
  tasks = 0          -- tasks handed in and acknowledged
  errors = 0
  empty = 0          -- claims answered "nothing left"
  recover = false    -- the next request asks which tasks this worker holds
  math.randomseed(id * 7919)
  claims = new_histogram()
  submits = new_histogram()
end

if think > 0 then
  function delay()
    if #held == 0 and not recover then return math.floor(think * (0.5 + math.random())) end
    return 0
  end
end

function request()
  sent_at = now_us()
  if recover then
    sent = "recover"
    return wrk.format("GET", "/api/v1/me/assignments?state=STARTED&size=10", nil, nil)
  end
  if #held == 0 then
    sent = "claim"
    if suite > 1 then
      return wrk.format("POST", "/api/v1/assignments/suite", nil,
        string.format('{"batchId":%s,"size":%d}', batch, suite))
    end
    return wrk.format("POST", "/api/v1/assignments", nil, string.format('{"batchId":%s}', batch))
  end
  sent = "submit"
  if suite > 1 then
    local parts = {}
    for i, id in ipairs(held) do
      parts[i] = string.format('{"assignmentId":%s,"answers":{"label":"cat"}}', id)
    end
    return wrk.format("POST", "/api/v1/assignments/submit", nil, '{"submissions":[' .. table.concat(parts, ",") .. ']}')
  end
  return wrk.format("POST", "/api/v1/assignments/" .. held[1] .. "/submit", nil, '{"answers":{"label":"cat"}}')
end

function response(status, headers, body)
  local took = now_us() - sent_at
  if sent == "claim" then
    record(claims, took)
    if status == 201 then
      if suite > 1 then
        -- "id" is only the assignments' own key ("taskId", "batchId" are others)
        for id in string.gmatch(body, '"id":(%d+)') do held[#held + 1] = id end
      else
        held[1] = string.match(body, '"id":(%d+)')
      end
    elseif status == 204 then
      empty = empty + 1
    elseif status == 409 then
      recovered = (recovered or 0) + 1
      recover = true
    else
      errors = errors + 1
    end
  elseif sent == "recover" then
    recover = false
    if status == 200 then
      for id in string.gmatch(body, '"id":(%d+)') do held[#held + 1] = id end
    else
      errors = errors + 1
    end
  else
    record(submits, took)
    if status == 200 then tasks = tasks + #held else errors = errors + 1 end
    held = {}
  end
end

function done(summary, latency, requests)
  local t, e, none, r = 0, 0, 0, 0
  for _, th in ipairs(threads) do
    t = t + (th:get("tasks") or 0)
    e = e + (th:get("errors") or 0)
    none = none + (th:get("empty") or 0)
    r = r + (th:get("recovered") or 0)
  end
  local c = merged(threads, "claims")
  local s = merged(threads, "submits")
  io.write(string.format("polder: tasks %d errors %d empty %d recovered %d timeouts %d socket_errors %d claim_p50 %.1f claim_p99 %.1f submit_p50 %.1f submit_p99 %.1f\n",
    t, e, none, r, summary.errors.timeout, summary.errors.connect + summary.errors.read + summary.errors.write, percentile(c, 50), percentile(c, 99), percentile(s, 50), percentile(s, 99)))
end
