-- One replay check, atomic on the server: the sequence window of ReplayGuards.sequenceWindow
-- (RFC 4303 3.4.3 / RFC 6479 with the late list, hashing/SPEC.md "Replay window") and, if asked,
-- the salt cache of ReplayGuards.saltCache, in that order, as ReplayGuards.both runs them.
--
-- KEYS[1] the stream's state (hash: top = highest accepted, 16 hex digits; late = how many late
--         numbers are held; until = the opener's clock, ms, up to which the three keys' expiry
--         was last set: instances' clocks differ by less than the grace included in ARGV[4])
-- KEYS[2] the stream's window bits (a bitmap of `size` bits, slot = sequence mod size)
-- KEYS[3] the stream's late numbers (a sorted set, all scores 0, members "<lo><hi>" as 16 + 16
--         hex digits: runs of consecutive numbers, in lexicographic = numeric order)
-- KEYS[4] the salt's key (used only when ARGV[5] is "1")
-- ARGV[1] the sequence number, 16 hex digits (unsigned 64-bit)
-- ARGV[2] the window size in bits (a power of two, 64 .. 65536)
-- ARGV[3] at most this many late numbers (0 .. 65536)
-- ARGV[4] how long the state must outlive this envelope, in ms (its expiry - now + grace)
-- ARGV[5] "1" to run the window, "0" to skip it
-- ARGV[6] "1" to run the salt cache, "0" to skip it
-- ARGV[7] the opener's clock, ms (for the expiry bookkeeping only)
-- Returns "ok", "replayed", "out-of-window".
--
-- Redis runs Lua 5.1, whose numbers are doubles: a 64-bit number is handled as two 32-bit
-- halves (hi, lo), each exact. Only distances are ever formed as one double, and only compared
-- with the window size, which a rounding above 2^53 cannot change.

local TWO32 = 4294967296
local size = tonumber(ARGV[2])
local maxLate = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local lateTouched = false -- the late list may have been created again: its expiry is set anew

local function split(h)
  return tonumber(string.sub(h, 1, 8), 16), tonumber(string.sub(h, 9, 16), 16)
end

local function hex(hi, lo)
  return string.format('%08x%08x', hi, lo)
end

-- (hi, lo) + d, modulo 2^64, for |d| < 2^32
local function add(hi, lo, d)
  lo = lo + d
  if lo >= TWO32 then
    lo = lo - TWO32
    hi = hi + 1
    if hi >= TWO32 then hi = 0 end
  elseif lo < 0 then
    lo = lo + TWO32
    hi = hi - 1
    if hi < 0 then hi = TWO32 - 1 end
  end
  return hi, lo
end

local function cmp(ah, al, bh, bl)
  if ah ~= bh then return ah < bh and -1 or 1 end
  if al ~= bl then return al < bl and -1 or 1 end
  return 0
end

-- a - b for a >= b: exact below 2^53, and above it still larger than any window
local function dist(ah, al, bh, bl)
  return (ah - bh) * TWO32 + (al - bl)
end

local function slot(lo)
  return lo % size -- size divides 2^32
end

local function getbit(lo)
  return redis.call('GETBIT', KEYS[2], slot(lo)) == 1
end

local function setbit(lo, v)
  redis.call('SETBIT', KEYS[2], slot(lo), v)
end

-- Keeps the stream's keys for at least ttl from now. To spare a PEXPIRE per check, an expiry
-- is set to twice the ttl, and set again only once less than ttl of it is left.
local function keepStream(deadline)
  local now = tonumber(ARGV[7])
  if deadline and not lateTouched and tonumber(deadline) - now >= ttl then return end
  local twice = string.format('%.0f', 2 * ttl)
  for i = 1, 3 do
    if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], twice) end
  end
  redis.call('HSET', KEYS[1], 'until', string.format('%.0f', now + 2 * ttl))
end

-- the late list --------------------------------------------------------------------------

local function run(member)
  local lh, ll = split(string.sub(member, 1, 16))
  local hh, hl = split(string.sub(member, 17, 32))
  return lh, ll, hh, hl
end

local function addRun(lh, ll, hh, hl)
  redis.call('ZADD', KEYS[3], 0, hex(lh, ll) .. hex(hh, hl))
  lateTouched = true
end

-- appends the numbers lo..hi (above every number held) as one run, then drops the lowest
-- numbers over maxLate
local function lateAppend(lh, ll, hh, hl, count)
  if maxLate == 0 then return end
  local last = redis.call('ZRANGE', KEYS[3], -1, -1)[1]
  if last then
    local a, b, c, d = run(last)
    local nh, nl = add(c, d, 1)
    if nh == lh and nl == ll then -- continues the last run
      redis.call('ZREM', KEYS[3], last)
      lh, ll = a, b
    end
  end
  addRun(lh, ll, hh, hl)
  local held = tonumber(redis.call('HGET', KEYS[1], 'late') or '0') + count
  while held > maxLate do
    local first = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
    local a, b, c, d = run(first)
    local n = dist(c, d, a, b) + 1 -- numbers in the run
    redis.call('ZREM', KEYS[3], first)
    if n > held - maxLate then -- keep its top part
      local ka, kb = add(a, b, held - maxLate)
      addRun(ka, kb, c, d)
      held = maxLate
    else
      held = held - n
    end
  end
  redis.call('HSET', KEYS[1], 'late', held)
end

-- takes n out of the late list; true if it was there
local function lateTake(nh, nl)
  local n = hex(nh, nl)
  local found = redis.call('ZREVRANGEBYLEX', KEYS[3], '(' .. n .. 'g', '-', 'LIMIT', 0, 1)[1]
  if not found then return false end
  local a, b, c, d = run(found)
  if cmp(nh, nl, c, d) > 0 then return false end -- above the run with the highest low end <= n
  redis.call('ZREM', KEYS[3], found)
  if cmp(a, b, nh, nl) < 0 then
    local ph, pl = add(nh, nl, -1)
    addRun(a, b, ph, pl)
  end
  if cmp(nh, nl, c, d) < 0 then
    local qh, ql = add(nh, nl, 1)
    addRun(qh, ql, c, d)
  end
  redis.call('HINCRBY', KEYS[1], 'late', -1)
  return true
end

-- the window -------------------------------------------------------------------------------

-- makes (sh, sl), above the top (th, tl), the top: every number leaving the window unaccepted
-- becomes late, and its slot is cleared
-- Returns true if it also set the bit of (sh, sl): when the distance is at most the size, the
-- last number to leave (sequence - size) has the new number's slot, and one SETBIT both reads
-- the old bit and sets the new one.
local function advance(th, tl, sh, sl)
  local distance = dist(sh, sl, th, tl)
  local steps = distance
  if steps > size then steps = size end
  local runLh, runLl, runHh, runHl, runCount = nil, nil, nil, nil, 0
  local setNew = false
  for i = 1, steps do
    local lh, ll = add(th, tl, i - size) -- top - size + i
    -- near the start of the number space it wraps below 0: nothing there to record
    local exists = cmp(th, tl, 0, size - i) >= 0
    local value = 0
    if i == distance then
      value = 1
      setNew = true
    end
    local was = redis.call('SETBIT', KEYS[2], slot(ll), value) == 1
    if exists and not was then
      if runCount > 0 then
        local eh, el = add(runHh, runHl, 1)
        if eh == lh and el == ll then
          runHh, runHl = lh, ll
          runCount = runCount + 1
        else
          lateAppend(runLh, runLl, runHh, runHl, runCount)
          runLh, runLl, runHh, runHl, runCount = lh, ll, lh, ll, 1
        end
      else
        runLh, runLl, runHh, runHl, runCount = lh, ll, lh, ll, 1
      end
    end
  end
  if runCount > 0 then
    lateAppend(runLh, runLl, runHh, runHl, runCount)
  end
  return setNew
end

local function window(top)
  local sh, sl = split(ARGV[1])
  if not top then
    redis.call('HSET', KEYS[1], 'top', ARGV[1], 'late', 0)
    setbit(sl, 1)
    return 'ok'
  end
  local th, tl = split(top)
  if cmp(sh, sl, th, tl) > 0 then
    if not advance(th, tl, sh, sl) then setbit(sl, 1) end
    redis.call('HSET', KEYS[1], 'top', ARGV[1])
    return 'ok'
  end
  if dist(th, tl, sh, sl) >= size then
    if lateTake(sh, sl) then return 'ok' end
    return 'out-of-window'
  end
  if getbit(sl) then return 'replayed' end
  setbit(sl, 1)
  return 'ok'
end

local outcome = 'ok'
if ARGV[5] == '1' then
  local state = redis.call('HMGET', KEYS[1], 'top', 'until')
  outcome = window(state[1] or nil)
  if outcome == 'ok' then
    keepStream(state[1] and state[2] or nil)
  end
end
if outcome == 'ok' and ARGV[6] == '1' then
  if not redis.call('SET', KEYS[4], '1', 'PX', ARGV[4], 'NX') then
    outcome = 'replayed'
  end
end
return outcome
