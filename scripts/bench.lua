-- wrk script for `make bench`: GET the URL, or POST BENCH_BODY to it when that is set; with
-- BENCH_PATHS (paths separated by spaces) each request takes the next path in turn. Prints one
-- JSON line of figures. Any status of 400 or more counts as an error.
local body = os.getenv("BENCH_BODY")
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do
  table.insert(paths, path)
end
local threads = {}
local turn = 0
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if body and body ~= "" then
    wrk.method = "POST"
    wrk.body = body
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

if #paths > 0 then -- without paths, wrk sends its one prepared request, as fast as it can
  function request()
    turn = turn % #paths + 1
    return wrk.format(nil, paths[turn])
  end
end

function response(status, headers, response_body)
  if status >= 400 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("bad")
  end
  io.write(string.format(
    '{"rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "errors": %d, "requests": %d}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors, summary.requests))
end
