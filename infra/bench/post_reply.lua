-- wrk script: every request posts a reply with a bearer token, to one thread (THREAD_ID) or, when THREAD_RANGE is
-- "first-last", to a thread picked at random among those ids. The token is TOKEN, or one picked at random from
-- TOKENS (comma-separated) for replies from many people.
local counter = 0
local tokens = {}
for token in (os.getenv("TOKENS") or os.getenv("TOKEN")):gmatch("[^,]+") do tokens[#tokens + 1] = token end
local first, last = (os.getenv("THREAD_RANGE") or ""):match("^(%d+)-(%d+)$")

request = function()
  counter = counter + 1
  local thread = first and math.random(tonumber(first), tonumber(last)) or os.getenv("THREAD_ID")
  local body = '{"body":"Benchmark reply ' .. counter .. ' about supervision."}'
  return wrk.format("POST", "/api/v1/threads/" .. thread .. "/posts",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]}, body)
end
