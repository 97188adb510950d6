import { useEffect, useState } from 'react';
import { getBridge } from '../../bridge/index.ts';

let host: Promise<'electron' | 'web'> | undefined;

/**
 * Which host serves the page, outside the sync provider too (the error screen, the first run): the desktop
 * app has file dialogs, the web host asks for typed paths.
 */
export function useHost(): 'electron' | 'web' | undefined {
  const [value, setValue] = useState<'electron' | 'web'>();
  useEffect(() => {
    let live = true;
    host ??= getBridge()
      .appInfo({})
      .then((info) => info.host)
      .catch(() => 'web' as const);
    void host.then((h) => live && setValue(h));
    return () => {
      live = false;
    };
  }, []);
  return value;
}
