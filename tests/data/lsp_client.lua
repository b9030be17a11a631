-- A real editor as formlint's language server client (tests/test_lsp_neovim.py).
-- Neovim 0.7 or newer, headless: open the document, wait for formlint's diagnostics, ask
-- for the code actions on the line of "prior to", apply the replacement, wait for the
-- check of the edited text, and write what happened to result.json (or the error that
-- stopped it). The document is never written to disk.
local result = { diagnostics = {}, actions = {}, after = {} }

-- The diagnostics in the protocol's shape (Neovim keeps the positions in its own fields).
local function lsp_diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(found, {
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
      severity = d.severity, message = d.message, source = d.source, code = lsp.code or d.code, data = lsp.data,
    })
  end
  return found
end

local function run()
  local server = vim.fn.json_decode(vim.env.FORMLINT_LSP_CMD)
  local client_id = vim.lsp.start_client({ name = "formlint", cmd = server, root_dir = vim.fn.getcwd() })
  vim.cmd("edit guide.md")
  vim.lsp.buf_attach_client(0, client_id)
  vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  result.diagnostics = lsp_diagnostics()

  local on_line = {}
  for _, d in ipairs(result.diagnostics) do
    if d.range.start.line == 2 then table.insert(on_line, d) end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = { start = { line = 2, character = 20 }, ["end"] = { line = 2, character = 20 } },
    context = { diagnostics = on_line },
  }
  local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 60000) or {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, action.title)
    end
    for _, action in ipairs(response.result or {}) do
      if action.kind == "quickfix" and action.title:match("^Replace") then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        break
      end
    end
  end
  result.line = vim.api.nvim_buf_get_lines(0, 2, 3, false)[1]
  local before = #result.diagnostics
  vim.wait(60000, function() return #vim.diagnostic.get(0) ~= before end, 50)
  result.after = lsp_diagnostics()
  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(result) }, "result.json")
vim.cmd("qa!")
