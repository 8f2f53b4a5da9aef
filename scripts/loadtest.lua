-- wrk script for `make loadtest`: replays a file of requests (articles, search, topics and
-- complete questionnaire journeys) and counts what came back. Every questionnaire POST
-- carries its own signed state, so requests can be sent in any order on any connection.
local requests = {}
local threads = {}
local next_id = 0

ok, unavailable, unavailable_with_help, other = 0, 0, 0, 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("LOADTEST_REQUESTS")))
  for line in file:lines() do
    local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    local headers = {}
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
    else
      body = nil
    end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
  file:close()
  counter = (id * 7919) % #requests
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function response(status, headers, body)
  if status < 400 or status == 404 then
    ok = ok + 1
  elseif status == 503 then
    unavailable = unavailable + 1
    if body:find("116 123", 1, true) and body:find("999", 1, true) then
      unavailable_with_help = unavailable_with_help + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total = { ok = 0, unavailable = 0, unavailable_with_help = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name in pairs(total) do
      total[name] = total[name] + thread:get(name)
    end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.1f, "socket_errors": %d, "timeouts": %d, "ok": %d, "unavailable": %d, '
      .. '"unavailable_with_help": %d, "other_status": %d, "p50_ms": %.1f, "p90_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write, e.timeout, total.ok, total.unavailable,
    total.unavailable_with_help, total.other, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
