// Highlights a WIT snippet with mdBook's highlight.js and witlint's grammar, as a browser
// would run them: node highlight_wit.js HIGHLIGHT_JS WIT_HIGHLIGHT_JS < snippet
const fs = require('fs');
const context = {};
new Function(fs.readFileSync(process.argv[2], 'utf8') + '\nthis.hljs = hljs;').call(context);
global.hljs = context.hljs;
// The page's ```wit blocks, which the grammar highlights again once registered.
const block = { textContent: fs.readFileSync(0, 'utf8'), innerHTML: '', className: 'language-wit', classList: { add() {} } };
global.document = { querySelectorAll: () => [block] };
eval(fs.readFileSync(process.argv[3], 'utf8'));
process.stdout.write(block.innerHTML || block.value || '');
