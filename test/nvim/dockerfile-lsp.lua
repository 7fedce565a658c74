-- dockerfile-lsp in Neovim's built-in LSP client, without plugins.
--
--   require('dockerfile-lsp').setup()                          -- `dockerfile-lsp` on the PATH
--   require('dockerfile-lsp').setup({ cmd = { 'node', '/path/to/dist/server.js', '--stdio' } })
--
-- The server starts as the VS Code extension starts it (pass `cmd_env` to start it otherwise): V8's
-- background work on one helper thread (NODE_OPTIONS=--v8-pool-size=1), so on a machine with few
-- cores it does not take the core the server answers on, and no NODE_EXTRA_CA_CERTS, which costs
-- every start tens of milliseconds and the server has no use for.
--
-- Neovim 0.8 and later start (or reuse) the client with vim.lsp.start. Neovim 0.7 (Debian 12's)
-- has no vim.lsp.start: there the client is started once with vim.lsp.start_client and each
-- Dockerfile buffer is attached with vim.lsp.buf_attach_client.
local M = {}

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'dockerfile-lsp', '--stdio' }
  local cmd_env = opts.cmd_env or { NODE_OPTIONS = '--v8-pool-size=1', NODE_EXTRA_CA_CERTS = '' }
  local group = vim.api.nvim_create_augroup('dockerfile-lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'dockerfile',
    callback = function(args)
      local root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
      if vim.lsp.start then
        -- Neovim 0.8+
        vim.lsp.start({ name = 'dockerfile-lsp', cmd = cmd, cmd_env = cmd_env, root_dir = root_dir })
      else
        -- Neovim 0.7
        if not M.client_id or vim.lsp.client_is_stopped(M.client_id) then
          M.client_id = vim.lsp.start_client({ name = 'dockerfile-lsp', cmd = cmd, cmd_env = cmd_env, root_dir = root_dir })
        end
        vim.lsp.buf_attach_client(args.buf, M.client_id)
      end
    end,
  })
end

return M
