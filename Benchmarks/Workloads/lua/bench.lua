-- A Lua workload for the WASI benchmark row and the README's example: recursion, tables, strings,
-- sorting and floating point, with a deterministic pseudo-random sequence, printing one line per
-- part. `lua bench.lua SCALE` (default 1) scales the work. Raises no error (the wasm32-wasi build
-- turns Lua errors into abort(), see scripts/build-lua.sh).
local scale = tonumber(arg and arg[1]) or 1

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(string.format("fib(%d) = %d", 20 + scale, fib(20 + scale)))

-- A 31-bit linear congruential generator, so every Lua gives the same numbers.
local seed = 12345
local function random(limit)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return (seed // 65536) % limit
end

local numbers = {}
for i = 1, 20000 * scale do numbers[i] = random(1000000) end
table.sort(numbers)
local sum = 0
for i = 1, #numbers, 97 do sum = sum + numbers[i] end
print(string.format("sorted %d numbers, sampled sum %d, min %d, max %d", #numbers, sum, numbers[1], numbers[#numbers]))

local words = {}
for i = 1, 5000 * scale do
  local length = 3 + random(6)
  local letters = {}
  for j = 1, length do letters[j] = string.char(97 + random(26)) end
  words[i] = table.concat(letters)
end
local counts = {}
for _, word in ipairs(words) do
  local first = word:sub(1, 1)
  counts[first] = (counts[first] or 0) + 1
end
local text = table.concat(words, " ")
local vowels = select(2, text:gsub("[aeiou]", ""))
local keys = {}
for key in pairs(counts) do keys[#keys + 1] = key end
table.sort(keys)
local histogram = {}
for _, key in ipairs(keys) do histogram[#histogram + 1] = key .. counts[key] end
print(string.format("%d words, %d bytes, %d vowels, %s", #words, #text, vowels, table.concat(histogram, ",", 1, 5)))

-- Mandelbrot set membership on a grid.
local inside = 0
local size = 60 * scale
for y = 0, size - 1 do
  local ci = 2.0 * y / size - 1.0
  for x = 0, size - 1 do
    local cr = 2.5 * x / size - 2.0
    local zr, zi, k = 0.0, 0.0, 0
    while k < 100 and zr * zr + zi * zi <= 4.0 do
      zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
      k = k + 1
    end
    if k == 100 then inside = inside + 1 end
  end
end
print(string.format("mandelbrot %dx%d: %d inside, pi ~ %.6f", size, size, inside, math.pi))
