-- dockerfile-lsp in Neovim's built-in LSP client, without plugins.
--
--   require('dockerfile-lsp').setup()                          -- `dockerfile-lsp` on the PATH
--   require('dockerfile-lsp').setup({ cmd = { 'node', '/path/to/dist/server.js', '--stdio' } })
--   require('dockerfile-lsp').setup({ codelens = false })      -- no code lenses above FROM
--   require('dockerfile-lsp').setup({ ignore_files = false })  -- leave .dockerignore files alone
--   require('dockerfile-lsp').setup({ settings = { formatting = { keywordCase = 'lower' } } })
--
-- `settings` are the server's settings without their `dockerfile-lsp.` prefix. They go to the server
-- twice: as initializationOptions, the one way that reaches the server from Neovim 0.7 (which
-- does not declare workspace/configuration, so the server does not ask, and sends no
-- didChangeConfiguration), and as the client's `settings`, which Neovim 0.8 and later answer
-- workspace/configuration from.
--
-- The server starts as the VS Code extension starts it (pass `cmd_env` to start it otherwise): V8's
-- background work on one helper thread (NODE_OPTIONS=--v8-pool-size=1), so on a machine with few
-- cores it does not take the core the server answers on, a young generation of at most 4 MiB a
-- semi-space (--max-semi-space-size=4; a large file's peak memory is a fifth lower), and no NODE_EXTRA_CA_CERTS, which costs
-- every start tens of milliseconds and the server has no use for.
--
-- The server also checks `.dockerignore` files (and a Dockerfile's own `NAME.dockerignore`), which it
-- knows by their names; Neovim gives them no file type, so setup() gives them `dockerignore` (with an
-- autocommand, as Neovim 0.7 reads no vim.filetype.add by default) and attaches them too
-- (`ignore_files = false` leaves them out).
--
-- Neovim 0.8 and later start (or reuse) the client with vim.lsp.start. Neovim 0.7 (Debian 12's)
-- has no vim.lsp.start: there the client is started once with vim.lsp.start_client and each
-- Dockerfile buffer is attached with vim.lsp.buf_attach_client.
local M = {}

-- The client side of the server's code lenses. A lens above a FROM that later stages use runs
-- `dockerfile-lsp.showReferences` (arguments: uri, position, locations), which VS Code's extension
-- shows as a references list; here the locations go to the quickfix list. The other lenses only
-- inform, and have the empty command: running one does nothing.
M.commands = {
  ['dockerfile-lsp.showReferences'] = function(command, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    local items = vim.lsp.util.locations_to_items(command.arguments[3], client and client.offset_encoding or 'utf-16')
    vim.fn.setqflist({}, ' ', { title = command.title, items = items })
    vim.cmd('copen')
  end,
  [''] = function() end,
}

-- Neovim 0.12 and later keep the code lenses of a buffer up to date once they are enabled for it
-- (vim.lsp.codelens.refresh is deprecated there). Before, Neovim asks for them only when told to:
-- when the buffer is attached, and again when the user stops typing or comes back to the buffer.
-- Neovim 0.10 and 0.11 refresh every loaded buffer unless given this one; 0.7 to 0.9 refresh the
-- current buffer (the one these autocommands run in) and ignore the argument.
local function refresh_codelens(bufnr)
  if vim.lsp.codelens.enable then
    vim.lsp.codelens.enable(true, { bufnr = bufnr })
    return
  end
  local refresh = function() vim.lsp.codelens.refresh({ bufnr = bufnr }) end
  local group = vim.api.nvim_create_augroup('dockerfile-lsp-codelens-' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'CursorHold' }, { group = group, buffer = bufnr, callback = refresh })
  vim.api.nvim_buf_call(bufnr, refresh)
end

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'dockerfile-lsp', '--stdio' }
  local cmd_env = opts.cmd_env or { NODE_OPTIONS = '--v8-pool-size=1 --max-semi-space-size=4', NODE_EXTRA_CA_CERTS = '' }
  local on_attach = function(client, bufnr)
    if opts.codelens ~= false and client.server_capabilities.codeLensProvider then refresh_codelens(bufnr) end
  end
  local config = { name = 'dockerfile-lsp', cmd = cmd, cmd_env = cmd_env, commands = M.commands, on_attach = on_attach }
  if opts.settings then
    config.settings = { ['dockerfile-lsp'] = opts.settings }
    config.init_options = { ['dockerfile-lsp'] = opts.settings }
  end
  local group = vim.api.nvim_create_augroup('dockerfile-lsp', { clear = true })
  local filetypes = { 'dockerfile' }
  if opts.ignore_files ~= false then
    vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, { group = group, pattern = { '.dockerignore', '*.dockerignore' }, command = 'setfiletype dockerignore' })
    table.insert(filetypes, 'dockerignore')
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = filetypes,
    callback = function(args)
      local root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
      if vim.lsp.start then
        -- Neovim 0.8+
        vim.lsp.start(vim.tbl_extend('force', config, { root_dir = root_dir }))
      else
        -- Neovim 0.7
        if not M.client_id or vim.lsp.client_is_stopped(M.client_id) then
          M.client_id = vim.lsp.start_client(vim.tbl_extend('force', config, { root_dir = root_dir }))
        end
        vim.lsp.buf_attach_client(args.buf, M.client_id)
      end
    end,
  })
end

return M
