-- Claims one half of a one-shot handle's fate (HandleStore.claim), atomically: of any number of
-- concurrent claims of its halves, on any number of instances, exactly one gets "fired".
-- KEYS[1] the half's key; its fate's key is read from it (both halves of a pair are known only
--         through the fate, so this script runs on a single server, not a cluster)
-- ARGV[1] the claimer's clock, ms; ARGV[2] how long a decided fate is remembered, ms
-- Returns "fired", "already-fired", "cancelled", "expired" or "unknown".
local half = redis.call('GET', KEYS[1])
if not half then
  return redis.call('GET', KEYS[1] .. ':dead') or 'unknown'
end
local space = string.find(half, ' ', 1, true)
local fate = string.sub(half, 1, space - 1)
local f = redis.call('HMGET', fate, 'exp', 'h1', 'h2')
if not f[1] then return 'unknown' end
if tonumber(f[1]) <= tonumber(ARGV[1]) then return 'expired' end
for i = 2, 3 do
  local key = f[i]
  if key and key ~= '' then
    redis.call('DEL', key)
    redis.call('SET', key .. ':dead', key == KEYS[1] and 'already-fired' or 'cancelled', 'PX', ARGV[2])
  end
end
redis.call('DEL', fate)
return 'fired'
