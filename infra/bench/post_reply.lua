-- wrk script: every request posts a reply to one thread (THREAD_ID) with a bearer token (TOKEN).
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"body":"Benchmark reply ' .. counter .. ' about supervision."}'
  return wrk.format("POST", "/api/v1/threads/" .. os.getenv("THREAD_ID") .. "/posts",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
end
