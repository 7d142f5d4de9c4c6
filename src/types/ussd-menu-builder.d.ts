declare module 'ussd-menu-builder' {
  interface StateOptions {
    run: () => void;
    next?: Record<string, string>;
  }
  class UssdMenu {
    startState(options: StateOptions): void;
    state(name: string, options: StateOptions): void;
    con(text: string): void;
    end(text: string): void;
    run(args: unknown, callback: (message: string) => void): void;
  }
  export = UssdMenu;
}
