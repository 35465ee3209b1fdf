-- Consumes a one-time token's digest, atomically on the server (TokenStore.consume): of any
-- number of concurrent consumers, on any number of instances, exactly one finds the live entry.
--
-- KEYS[1] the live entry: "<expiresAtMillis> <scope>" (the scope as TokenStore.encode writes it)
-- KEYS[2] the used marker, set when a live entry is redeemed or burnt
-- ARGV[1] the consumer's clock, ms
-- ARGV[2] the scope it presents, encoded the same way
-- ARGV[3] how long the used marker lasts, ms
-- Returns "redeemed", "wrong-scope", "expired", "already-used" or "unknown".
local entry = redis.call('GET', KEYS[1])
if not entry then
  if redis.call('EXISTS', KEYS[2]) == 1 then return 'already-used' end
  return 'unknown'
end
redis.call('DEL', KEYS[1])
local space = string.find(entry, ' ', 1, true)
local expires = tonumber(string.sub(entry, 1, space - 1))
if expires <= tonumber(ARGV[1]) then return 'expired' end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
if string.sub(entry, space + 1) == ARGV[2] then return 'redeemed' end
return 'wrong-scope' -- a token shown in the wrong place is treated as leaked: burnt
