// first: no schema may be created before this (see the module)
import '../core/strict-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'prosemirror-view/style/prosemirror.css';
import './styles.css';
import { App } from './App';
import { selectHost } from './host';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App host={selectHost()} version={__APP_VERSION__} />
  </StrictMode>,
);
