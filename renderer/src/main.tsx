import './noEval.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatApiProvider } from './api/ChatApiContext.js';
import { getChatApi } from './api/getChatApi.js';
import { App } from './App.js';
import { startLook } from './settings/lookPreferences.js';
import './styles/base.css';
import './styles/start.css';
import './styles/sidebar.css';
import './styles/room.css';
import './styles/messages.css';
import './styles/markdown.css';
import './styles/dialogs.css';
import './styles/settings.css';
import './styles/profile.css';
import './styles/phone.css';
import './styles/search.css';

// The stored theme and density apply before the first paint.
startLook();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ChatApiProvider api={getChatApi()}>
      <App />
    </ChatApiProvider>
  </StrictMode>,
);
