/**
 * The protocol's lifecycle, decided for every message before a handler sees it (LSP 3.17, "Server
 * lifecycle"): before `initialize` a request is answered ServerNotInitialized and a notification dropped
 * (but `exit`); a second `initialize`, and every request after `shutdown`, is answered InvalidRequest (the
 * spec: initialize is sent once; answering it again would set the session up anew under the editor's
 * open documents). vscode-languageserver leaves this to the server — it dispatches whatever arrives, and a
 * handler asked too early answers as if the file were not open — so it is hooked here, into the
 * connection's message queue, once for every handler.
 */
import { ErrorCodes, Message, type MessageStrategy, type MessageWriter, type RequestMessage, type ResponseMessage } from "vscode-languageserver/node";

type Phase = "starting" | "running" | "shut down";

export function lifecycleGate(writer: MessageWriter): MessageStrategy {
  let phase: Phase = "starting";
  const refuse = (request: RequestMessage, code: number, when: string): Promise<void> => {
    const response: ResponseMessage = { jsonrpc: "2.0", id: request.id, error: { code, message: `sriovc: ${request.method} ${when}` } };
    return writer.write(response);
  };
  return {
    handleMessage(message, next) {
      if (Message.isRequest(message)) {
        if (phase === "starting" && message.method !== "initialize") return refuse(message, ErrorCodes.ServerNotInitialized, "before initialize");
        if (phase === "shut down") return refuse(message, ErrorCodes.InvalidRequest, "after shutdown");
        if (phase === "running" && message.method === "initialize") return refuse(message, ErrorCodes.InvalidRequest, "again: the server is initialized already");
        if (message.method === "initialize") phase = "running";
        else if (message.method === "shutdown") phase = "shut down";
      } else if (Message.isNotification(message) && phase === "starting" && message.method !== "exit") {
        return;
      }
      return next(message);
    },
  };
}
