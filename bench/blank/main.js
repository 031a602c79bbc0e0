// The baseline for bench section 3: the least a Preact page can do to show a verdict —
// load one module, render one element. No storage, no data, no CSS.
import { h, render } from 'preact';

render(h('main', { 'data-verdict': 'ok' }, h('h1', null, 'Blank page: ok')), document.getElementById('app'));
