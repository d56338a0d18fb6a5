-- wrk script: every request posts a reply with a bearer token (TOKEN), to one thread (THREAD_ID) or, when
-- THREAD_RANGE is "first-last", to a thread picked at random among those ids.
local counter = 0
local first, last = (os.getenv("THREAD_RANGE") or ""):match("^(%d+)-(%d+)$")

request = function()
  counter = counter + 1
  local thread = first and math.random(tonumber(first), tonumber(last)) or os.getenv("THREAD_ID")
  local body = '{"body":"Benchmark reply ' .. counter .. ' about supervision."}'
  return wrk.format("POST", "/api/v1/threads/" .. thread .. "/posts",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
end
