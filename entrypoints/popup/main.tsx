import { render } from 'preact';
render(<main data-verdict="unknown">hello</main>, document.getElementById('app')!);
