import { useEffect } from 'react';
import { useClient } from './api.js';
import { navigate } from './router.js';

/**
 * Keyboard shortcuts that mirror the desktop menu (Ctrl/Cmd+1..6 switch screens). In Electron the
 * menu sends the same routes through the hash, so both paths end here.
 */
export function useMenuCommands(): void {
  useClient();
  useEffect(() => {
    const screens = ['inbox', 'approvals', 'rules', 'prep', 'metrics', 'settings'] as const;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const n = Number(e.key);
      const s = screens[n - 1];
      if (!s) return;
      e.preventDefault();
      navigate(s === 'prep' ? { screen: 'prep', id: null } : { screen: s });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
