/**
 * TextDecoder is a global in every host shared/ runs in (Node 24, Chromium, Electron), but it belongs to
 * neither ES2023 nor a library shared/ may see: the DOM and Node type packages are kept out of shared/ on
 * purpose. This declares only the part shared/ uses. The declarations repeat lib.dom.d.ts word for word
 * (interfaces merge, the variable's type is identical), so programs that also load the DOM library (the
 * renderer's) accept both.
 */
interface TextDecoder {
  readonly encoding: string;
  decode(input?: Uint8Array): string;
}

interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}

// eslint-disable-next-line no-var -- only a global `var` merges with lib.dom.d.ts's own declaration
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: TextDecoderOptions): TextDecoder;
};
