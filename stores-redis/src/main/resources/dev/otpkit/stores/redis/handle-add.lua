-- Records a one-shot handle's fate (HandleStore.add): one or two halves, live until it expires.
-- KEYS[1] the fate (hash: exp = expiry on the registering clock, h1, h2 = the halves' keys)
-- KEYS[2], KEYS[3] the halves' keys ("<fate key> <half>"); a pair has two
-- ARGV[1] the fate's expiry, ms; ARGV[2] how long its keys live, ms
-- Returns "ok", or "exists" if a half's digest is already stored (a collision: nothing written).
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 'exists' end
end
redis.call('HSET', KEYS[1], 'exp', ARGV[1], 'h1', KEYS[2], 'h2', KEYS[3] or '')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], KEYS[1] .. ' ' .. (i - 2), 'PX', ARGV[2])
end
return 'ok'
