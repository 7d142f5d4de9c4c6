declare module 'africastalking' {
  interface SmsSendOptions {
    to: string | string[];
    message: string;
    from?: string;
    enqueue?: boolean;
  }
  interface AfricasTalkingClient {
    SMS: { send(options: SmsSendOptions): Promise<unknown> };
  }
  function AfricasTalking(options: { username: string; apiKey: string; format?: 'json' | 'xml' }): AfricasTalkingClient;
  export = AfricasTalking;
}
