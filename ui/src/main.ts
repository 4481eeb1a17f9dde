// GasDesk UI entry point: the real backend (Tauri IPC) and the app shell.
import { tauriBackend } from "./api/tauri";
import { startApp } from "./app/app";

const root = document.getElementById("app");
if (root === null) {
  throw new Error("GasDesk: #app element missing from index.html");
}
startApp(root, tauriBackend());
