-- Driver for a test in test/nvim/neovim.test.ts: test/nvim/dockerfile-lsp.lua's `settings` reach the
-- server. Sets up dockerfile-lsp with formatting.keywordCase = 'lower', opens $DOCKERFILE_LSP_FILE and
-- writes the edits textDocument/formatting answers to $DOCKERFILE_LSP_OUT as JSON.
vim.cmd('filetype on')
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local result = {}
local ok, err = pcall(function()
  dofile(here .. '/dockerfile-lsp.lua').setup({
    cmd = vim.fn.json_decode(os.getenv('DOCKERFILE_LSP_CMD')),
    codelens = false,
    settings = { formatting = { keywordCase = 'lower' } },
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOCKERFILE_LSP_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  local attached = vim.wait(15000, function()
    for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if client.name == 'dockerfile-lsp' and client.server_capabilities and next(client.server_capabilities) then return true end
    end
    return false
  end, 50)
  if not attached then error('dockerfile-lsp did not attach') end
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), options = { tabSize = 4, insertSpaces = true } }
  for _, response in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/formatting', params, 10000) or {}) do
    if response.err then error(vim.inspect(response.err)) end
    result.edits = response.result or vim.NIL
  end
end)
if not ok then result.error = tostring(err) end
local file = io.open(os.getenv('DOCKERFILE_LSP_OUT'), 'w')
file:write(vim.fn.json_encode(result))
file:close()
for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(3000, function() return next(vim.lsp.get_active_clients()) == nil end, 50)
vim.cmd(ok and 'qa!' or 'cq!')
