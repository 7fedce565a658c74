-- Driver for a test in test/nvim/neovim.test.ts: which code lens functions test/nvim/dockerfile-lsp.lua
-- calls under the Neovim APIs it supports, with vim.lsp.codelens (and vim.lsp.start) replaced by stubs
-- that record their calls: the installed Neovim can only show its own. Writes the calls of each case,
-- at attach and on CursorHold, to $DOCKERFILE_LSP_OUT as JSON.
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local module = dofile(here .. '/dockerfile-lsp.lua')

local function run(api)
  local calls = {}
  local function recorder(name)
    return function(...)
      local args = { ... }
      -- `enable(true, { bufnr = n })`, `refresh({ bufnr = n })` or `refresh()`
      local opts = args[#args]
      table.insert(calls, { name = name, bufnr = type(opts) == 'table' and opts.bufnr or vim.NIL, current = vim.api.nvim_get_current_buf() })
    end
  end
  local codelens = { refresh = recorder('refresh') }
  if api == '0.12' then codelens.enable = recorder('enable') end
  local saved_codelens, saved_start = vim.lsp.codelens, vim.lsp.start
  local config
  vim.lsp.codelens = codelens
  vim.lsp.start = function(c) config = c end
  module.setup()
  local bufnr = vim.api.nvim_create_buf(true, false)
  vim.api.nvim_set_current_buf(bufnr)
  vim.bo[bufnr].filetype = 'dockerfile'
  config.on_attach({ server_capabilities = { codeLensProvider = {} } }, bufnr)
  vim.api.nvim_exec_autocmds('CursorHold', { buffer = bufnr })
  vim.lsp.codelens, vim.lsp.start = saved_codelens, saved_start
  for _, call in ipairs(calls) do
    call.this_buffer = call.bufnr == bufnr
    call.in_buffer = call.current == bufnr
    call.bufnr, call.current = nil, nil
  end
  return calls
end

local result = {}
local ok, err = pcall(function()
  result['0.12'] = run('0.12')
  result['0.7-0.11'] = run('0.7-0.11')
end)
if not ok then result.error = tostring(err) end
local file = io.open(os.getenv('DOCKERFILE_LSP_OUT'), 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd(ok and 'qa!' or 'cq!')
