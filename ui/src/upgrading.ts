// Entry point of the upgrading page (ui/upgrading.html, decision 0016): the backend reports
// the upgrade's progress as events; there is no desk to call commands on until it is done.
import { onUpgradeProgress } from "./api/tauri";
import { UpgradeScreen } from "./screens/upgrading";

const screen = new UpgradeScreen(document);
onUpgradeProgress((p) => screen.show(p)).catch((error: unknown) => {
  // The static page still says what is happening; only the bar stands still.
  console.error("GasDesk: the upgrade's progress cannot be shown", error);
});
