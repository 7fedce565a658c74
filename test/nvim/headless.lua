-- Driver for test/nvim/neovim.test.ts: `nvim --headless -u headless.lua`. Sets up dockerfile-lsp
-- with test/nvim/dockerfile-lsp.lua, opens Dockerfiles, and records what Neovim's LSP client got:
-- the server's capabilities, the hover window's text, completion labels and diagnostics. The
-- result goes to $DOCKERFILE_LSP_OUT as JSON; the test decides what must be there.
vim.cmd('filetype on')
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local out = os.getenv('DOCKERFILE_LSP_OUT')
local result = { nvim = vim.version() }

local function find_line(prefix)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    if line:sub(1, #prefix) == prefix then return i - 1 end
  end
  error('no line starting with ' .. prefix)
end

local function client_for(bufnr)
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'dockerfile-lsp' then return client end
  end
end

local function completion_labels(bufnr, line, character)
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = line, character = character },
    context = { triggerKind = 1 } }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 10000) or {}
  local labels = {}
  for _, response in pairs(responses) do
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do table.insert(labels, item.label) end
  end
  return labels
end

local function read_file(path)
  local file = io.open(path, 'rb')
  if not file then return nil end
  local text = file:read('*a')
  file:close()
  return text
end

-- The server's process id: Neovim 0.7 gives it as client.rpc.pid; otherwise it is the child of this
-- Neovim that runs server.js.
local function server_pid(client)
  if client.rpc and client.rpc.pid then return client.rpc.pid end
  local me = vim.fn.getpid()
  for _, entry in ipairs(vim.fn.readdir('/proc')) do
    if entry:match('^%d+$') then
      local stat = read_file('/proc/' .. entry .. '/stat')
      local parent = stat and tonumber(stat:match('%) %S+ (%d+)'))
      local command = parent == me and read_file('/proc/' .. entry .. '/cmdline')
      if command and command:find('server.js', 1, true) then return tonumber(entry) end
    end
  end
end

local function run()
  local cmd = vim.fn.json_decode(os.getenv('DOCKERFILE_LSP_CMD'))
  dofile(here .. '/dockerfile-lsp.lua').setup({ cmd = cmd })

  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOCKERFILE_LSP_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  local attached = vim.wait(15000, function()
    local client = client_for(bufnr)
    return client ~= nil and client.server_capabilities ~= nil and next(client.server_capabilities) ~= nil
  end, 50)
  if not attached then error('dockerfile-lsp did not attach to ' .. vim.api.nvim_buf_get_name(bufnr)) end
  local client = client_for(bufnr)
  result.capabilities = client.server_capabilities

  -- The server process's environment, where /proc shows it.
  local pid = server_pid(client)
  local environ = pid and io.open('/proc/' .. pid .. '/environ', 'rb')
  if environ then
    result.server_env = {}
    for entry in environ:read('*a'):gmatch('[^%z]+') do
      local name, value = entry:match('^([^=]+)=(.*)$')
      if name == 'NODE_OPTIONS' or name == 'NODE_EXTRA_CA_CERTS' then result.server_env[name] = value end
    end
    environ:close()
  end

  -- Hover, the way a user sees it: K (vim.lsp.buf.hover) opens a floating window.
  if client.server_capabilities.hoverProvider then
    vim.api.nvim_win_set_cursor(0, { find_line('FROM') + 1, 1 })
    vim.lsp.buf.hover()
    local text
    vim.wait(10000, function()
      for _, win in ipairs(vim.api.nvim_list_wins()) do
        if vim.api.nvim_win_get_config(win).relative ~= '' then
          text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), '\n')
          return true
        end
      end
      return false
    end, 50)
    result.hover = text or vim.NIL
  end

  if client.server_capabilities.completionProvider then
    local last = vim.api.nvim_buf_line_count(bufnr)
    vim.api.nvim_buf_set_lines(bufnr, last, last, false, { '' })
    result.completion = completion_labels(bufnr, last, 0)
    vim.api.nvim_buf_set_lines(bufnr, last, last + 1, false, { 'COPY --from=' })
    result.stage_completion = completion_labels(bufnr, last, #'COPY --from=')
  end

  -- Code lenses, as the setup() snippet refreshes them; then the lens of a stage another stage uses,
  -- run the way a user runs it (vim.lsp.codelens.run on its line), and an informational one.
  if client.server_capabilities.codeLensProvider then
    local notes = {}
    local notify = vim.notify
    vim.notify = function(message) table.insert(notes, message) end
    vim.lsp.codelens.refresh()
    vim.wait(10000, function() return #vim.lsp.codelens.get(bufnr) > 0 end, 50)
    result.codelens = {}
    for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
      table.insert(result.codelens, { line = lens.range.start.line, title = lens.command and lens.command.title or vim.NIL })
    end
    vim.api.nvim_win_set_cursor(0, { find_line('FROM node') + 1, 0 })
    vim.lsp.codelens.run()
    result.quickfix = {}
    for _, item in ipairs(vim.fn.getqflist()) do table.insert(result.quickfix, { lnum = item.lnum, col = item.col, text = item.text }) end
    result.quickfix_title = vim.fn.getqflist({ title = 1 }).title
    vim.cmd('cclose')
    vim.api.nvim_win_set_cursor(0, { find_line('FROM nginx') + 1, 0 })
    vim.lsp.codelens.run()
    vim.notify = notify
    result.codelens_notes = notes
  end

  -- Diagnostics for a file with deliberate mistakes (pushed by the server; no capability says so).
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOCKERFILE_LSP_MISTAKES')))
  local mistakes = vim.api.nvim_get_current_buf()
  vim.wait(tonumber(os.getenv('DOCKERFILE_LSP_DIAGNOSTICS_WAIT_MS') or '10000'), function()
    return #vim.diagnostic.get(mistakes) > 0
  end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(mistakes)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source or vim.NIL })
  end

  -- A .dockerignore: its file type, and its own diagnostics.
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOCKERFILE_LSP_IGNORE_FILE')))
  local ignore = vim.api.nvim_get_current_buf()
  result.ignore_filetype = vim.bo[ignore].filetype
  vim.wait(tonumber(os.getenv('DOCKERFILE_LSP_DIAGNOSTICS_WAIT_MS') or '10000'), function()
    return #vim.diagnostic.get(ignore) > 0
  end, 50)
  result.ignore_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(ignore)) do
    table.insert(result.ignore_diagnostics, { lnum = d.lnum, col = d.col, code = d.code or vim.NIL })
  end
end

-- Fix All, the way the README tells Neovim users to run it: vim.lsp.buf.code_action with the
-- source.fixAll kind. Neovim 0.7 takes the CodeActionContext itself and always lets the user choose
-- (vim.ui.select: the choice here is the first and only action); 0.8 took options with `context` and `apply`.
local function fix_all()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOCKERFILE_LSP_FIXABLE')))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  local select = vim.ui.select
  result.fix_all_choices = {}
  vim.ui.select = function(items, opts, on_choice)
    for _, entry in ipairs(items) do table.insert(result.fix_all_choices, opts.format_item and opts.format_item(entry) or vim.inspect(entry)) end
    on_choice(items[1], 1)
  end
  if vim.fn.has('nvim-0.8') == 1 then
    vim.lsp.buf.code_action({ context = { only = { 'source.fixAll' } }, apply = true })
  else
    vim.lsp.buf.code_action({ only = { 'source.fixAll' } })
  end
  vim.wait(10000, function() return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= before end, 50)
  vim.ui.select = select
  result.fix_all = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

local ok, err = pcall(function()
  run()
  if result.capabilities and result.capabilities.codeActionProvider then fix_all() end
end)
if not ok then result.error = tostring(err) end
local file = io.open(out, 'w')
file:write(vim.fn.json_encode(result))
file:close()
for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(3000, function() return next(vim.lsp.get_active_clients()) == nil end, 50)
vim.cmd(ok and 'qa!' or 'cq!')
