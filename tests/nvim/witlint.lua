-- Drives Neovim's built-in LSP client against `witlint lsp` (tests/lsp.rs), as the
-- README's Neovim setup (prepended by the test) configures it:
-- opens $WITLINT_FILE, waits for witlint's diagnostics, writes
-- them to $WITLINT_OUT, applies the quick fix of the first $WITLINT_CODE diagnostic
-- through Neovim, saves, and quits.
local out = os.getenv('WITLINT_OUT')
local wanted = os.getenv('WITLINT_CODE')

local function finish(code, message)
  if message then
    local f = io.open(out .. '.error', 'w')
    f:write(message)
    f:close()
  end
  vim.cmd('qall!')
end

-- The README's setup (run before this file) starts the client when a .wit file opens.
local file = os.getenv('WITLINT_FILE')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= 'wit' then
  finish(1, 'the README setup did not give .wit files the wit filetype')
  return
end
local attached = vim.wait(10000, function()
  return #vim.tbl_keys(vim.lsp.buf_get_clients(buf)) > 0
end, 50)
if not attached then
  finish(1, 'the README setup attached no client')
  return
end

local got = vim.wait(20000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
if not got then
  finish(1, 'no diagnostics within 20 s')
  return
end

local diagnostics = {}
local first
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code
  table.insert(diagnostics, { line = d.lnum, code = code, message = d.message })
  if code == wanted and (first == nil or d.lnum < first.lnum) then
    first = d
  end
end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode(diagnostics))
f:close()

if not first then
  finish(1, 'no ' .. wanted .. ' diagnostic')
  return
end
-- The code actions on that diagnostic's line, as Neovim asks for them.
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = first.lnum, character = 0 }, ['end'] = { line = first.lnum, character = 0 } },
  context = { diagnostics = {} },
}
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
local applied = false
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    if not applied and action.kind == 'quickfix' and action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      applied = true
    end
  end
end
if not applied then
  finish(1, 'no quick fix was offered')
  return
end
local written, why = pcall(vim.cmd, 'write')
if not written then
  finish(1, 'cannot save: ' .. tostring(why))
  return
end
finish(0)
