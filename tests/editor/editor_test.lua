-- Drives tether-clangd from neovim's LSP client: diagnostics on open, a
-- quick fix applied, a diagnostic after an edit, none on a clean file.
local clangd = os.getenv('TETHER_CLANGD')
local workspace = os.getenv('TETHER_WORKSPACE')
local resource_dir = os.getenv('TETHER_RESOURCE_DIR')
local timeout = 120000

local function fail(message)
  io.stderr:write('editor test: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

-- Count diagnostics publications per file, to know when clangd is done.
local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = (published[result.uri] or 0) + 1
  return default_handler(err, result, ctx, config)
end

local client_id = vim.lsp.start_client({
  name = 'tether-clangd',
  cmd = { clangd, '--log=error', '--resource-dir=' .. resource_dir },
  root_dir = workspace,
})
if not client_id then fail('tether-clangd did not start') end

local function open(name)
  vim.cmd('edit ' .. workspace .. '/' .. name)
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

local function async_diagnostics(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    if (lsp.code or d.code) and tostring(lsp.code or d.code):match('^async%-') then
      table.insert(found, d)
    end
  end
  return found
end

local function wait_for(what, predicate)
  if not vim.wait(timeout, predicate, 100) then fail('timed out waiting for ' .. what) end
end

-- 1. The finding arrives on open, with tether-tidy's message and check name.
local buf = open('session.cpp')
wait_for('the async- diagnostic on open', function() return #async_diagnostics(buf) > 0 end)
local diagnostics = async_diagnostics(buf)
if #diagnostics ~= 1 then fail('expected 1 async- diagnostic, got ' .. #diagnostics) end
local d = diagnostics[1]
local lsp = d.user_data.lsp
if d.lnum ~= 7 or d.col ~= 2 then fail(('diagnostic at %d:%d, expected 8:3'):format(d.lnum + 1, d.col + 1)) end
if lsp.code ~= 'async-fire-and-forget' then fail('check name ' .. tostring(lsp.code)) end
-- clangd capitalizes a message and appends "(fix available)".
if not d.message:find("ask returned by 'send_greeting' is discarded and never started: its body does not run; co_await it or keep it to await later", 1, true) then
  fail('message: ' .. d.message)
end

-- Its documentation link is tether's page of the check, not clang.llvm.org's.
local href = ((d.user_data.lsp.codeDescription or {}).href or '')
if not vim.endswith(href, '/async-fire-and-forget.md') or href:find('clang.llvm.org', 1, true) then
  fail('documentation link: ' .. href)
end

-- Applies the one quick fix offered for diagnostic d and compares the buffer
-- with the file that tether-tidy's fix gives.
-- With exact, the title is exactly title; otherwise it contains it.
local function apply_quick_fix(buf, d, expected_file, title, exact)
  local range = {
    start = { line = d.lnum, character = d.col },
    ['end'] = { line = d.end_lnum, character = d.end_col },
  }
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = range,
    context = { diagnostics = { {
      range = range, message = d.message, severity = d.severity,
      code = d.user_data.lsp.code, source = d.source,
    } } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout)
  local fixes = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.kind == 'quickfix' and action.edit then table.insert(fixes, action) end
    end
  end
  if #fixes ~= 1 then fail('expected one quick fix, got ' .. vim.inspect(responses)) end
  if (exact and fixes[1].title ~= title) or not fixes[1].title:find(title, 1, true) then
    fail('quick fix title: ' .. fixes[1].title)
  end
  vim.lsp.util.apply_workspace_edit(fixes[1].edit, 'utf-16')
  local expected = vim.fn.readfile(workspace .. '/' .. expected_file)
  local actual = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  if table.concat(actual, '\n') ~= table.concat(expected, '\n') then
    fail('buffer after the quick fix:\n' .. table.concat(actual, '\n'))
  end
  return expected
end

-- Stock clangd keeps working: go to the definition of send_greeting.
local definition = vim.lsp.buf_request_sync(buf, 'textDocument/definition', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = d.lnum, character = d.col + 1 },
}, timeout)
local target
for _, response in pairs(definition or {}) do
  local result = response.result or {}
  target = result[1] or result
end
if not target or not target.range or target.range.start.line ~= 2 then
  fail('go to definition: ' .. vim.inspect(definition))
end

-- 2. Its fix-it is offered as a quick fix; applying it gives tether-tidy --fix's text.
local expected = apply_quick_fix(buf, d, 'session.fixed.cpp', 'co_await')
wait_for('the diagnostic to clear after the fix', function() return #async_diagnostics(buf) == 0 end)

-- 3. An edit that adds a bug brings a new diagnostic (didChange, not only didOpen).
vim.api.nvim_buf_set_lines(buf, -1, -1, false,
  { 'asio::awaitable<void> again(asio::ip::tcp::socket &socket) {', '  send_greeting(socket);', '  co_return;', '}' })
wait_for('a diagnostic on the edited buffer', function()
  local found = async_diagnostics(buf)
  return #found == 1 and found[1].lnum == #expected + 1
end)

-- 4. A fix-it on a note is offered too, titled by the note.
local group = open('group.cpp')
wait_for('the co_spawn diagnostic', function() return #async_diagnostics(group) == 1 end)
apply_quick_fix(group, async_diagnostics(group)[1], 'group.fixed.cpp', "spawn it on task group 'group'")

-- 5. A swallowed cancellation: the fix-it adds the rethrow and its #include,
-- once, as tether-tidy --fix does. A fix of several edits is titled by the
-- warning's remedy, not by its whole text.
local handler = open('handler.cpp')
wait_for('the swallowed-exception diagnostic', function() return #async_diagnostics(handler) == 1 end)
apply_quick_fix(handler, async_diagnostics(handler)[1], 'handler.fixed.cpp',
  'rethrow cancellations', true)

-- The header is already included (in clangd's preamble): not added twice.
local included = open('included.cpp')
wait_for('the swallowed-exception diagnostic', function() return #async_diagnostics(included) == 1 end)
apply_quick_fix(included, async_diagnostics(included)[1], 'included.fixed.cpp',
  'rethrow cancellations', true)

-- 6. A coroutine that sleeps on its event loop: the fix-it suspends on a
-- timer instead and includes the runtime's header; titled by its edits.
local blocking = open('blocking.cpp')
wait_for('the blocking-call diagnostic', function() return #async_diagnostics(blocking) == 1 end)
apply_quick_fix(blocking, async_diagnostics(blocking)[1], 'blocking.fixed.cpp',
  "change to 'co_await tether::sleep_for' and #include <tether/sleep.hpp>", true)

-- 7. A deadline is the user's choice: its fix-it is on a note, and the quick
-- fix is titled by that note, not by the whole warning.
local timeout = open('timeout.cpp')
wait_for('the missing-timeout diagnostic', function() return #async_diagnostics(timeout) == 1 end)
apply_quick_fix(timeout, async_diagnostics(timeout)[1], 'timeout.fixed.cpp',
  "wrap it in 'tether::with_timeout' with a deadline of std::chrono::seconds(30)")

-- 8. A coroutine lambda invoked in place dies before its task: the fix-it
-- passes the lambda itself, which the group keeps alive.
local dangling = open('dangling.cpp')
wait_for('the dangling-reference diagnostic', function() return #async_diagnostics(dangling) == 1 end)
apply_quick_fix(dangling, async_diagnostics(dangling)[1], 'dangling.fixed.cpp', "remove '()'", true)

-- 9. A clean file gets none.
local clean = open('clean.cpp')
local uri = vim.uri_from_bufnr(clean)
wait_for('diagnostics of the clean file', function() return (published[uri] or 0) > 0 end)
if #async_diagnostics(clean) ~= 0 then fail('async- diagnostics on a clean file') end

print('editor test: diagnostics on open, go to definition, quick fixes (warning, note, #include added once, blocking call, deadline on a note, dangling capture), diagnostics on change, clean file: ok')
vim.cmd('qall!')
