declare module 'ussd-menu-builder' {
  interface StateOptions {
    run: () => void;
    next?: Record<string, string>;
  }
  /** Its pluggable session store (README "Sessions"): callbacks, called by menu.run and menu.session. */
  interface SessionConfig {
    start(sessionId: string, callback: (error?: Error) => void): void;
    end(sessionId: string, callback: (error?: Error) => void): void;
    set(sessionId: string, key: string, value: unknown, callback: (error?: Error) => void): void;
    get(sessionId: string, key: string, callback: (error: Error | null, value?: unknown) => void): void;
  }
  class UssdMenu {
    /** The current request's fields (sessionId, phoneNumber, serviceCode, text). */
    args: { sessionId: string; phoneNumber: string; serviceCode: string; text: string };
    /** The caller's last answer. */
    val: string;
    session: { set(key: string, value: unknown): Promise<void>; get(key: string): Promise<unknown> };
    sessionConfig(config: SessionConfig): void;
    startState(options: StateOptions): void;
    state(name: string, options: StateOptions): void;
    con(text: string): void;
    end(text: string): void;
    run(args: unknown, callback: (message: string) => void): void;
  }
  export = UssdMenu;
}
