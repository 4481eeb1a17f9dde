// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { en } from "./en";
import { hi } from "./hi";
import { resetLanguage, setLanguage } from "./index";
import { templateNodes, tNodes } from "./nodes";

afterEach(() => resetLanguage());

function html(nodes: Node[]): string {
  const host = document.createElement("p");
  host.append(...nodes);
  return host.innerHTML;
}

describe("tNodes", () => {
  it("puts the node where its placeholder stands, in each language's own word order", () => {
    const seconds = document.createElement("span");
    seconds.textContent = "9";
    expect(html(tNodes("idle.text", { seconds }))).toBe("For your privacy you will be logged out in <span>9</span> seconds.");
    setLanguage("hi");
    const again = document.createElement("span");
    again.textContent = "9";
    expect(html(tNodes("idle.text", { seconds: again }))).toBe("आपकी गोपनीयता के लिए आप <span>9</span> सेकंड में लॉग आउट हो जाएँगे।");
  });

  it("sets **marked** words in bold, wherever the language puts them", () => {
    expect(html(tNodes("safety.call"))).toBe("<strong>Go outside and call the emergency helpline</strong> on the number above.");
    setLanguage("hi");
    expect(html(tNodes("safety.call"))).toBe("बाहर जाकर ऊपर दिए नंबर पर <strong>आपातकालीन हेल्पलाइन को कॉल करें</strong>।");
  });

  it("fills text and numbers as text, never as markup", () => {
    expect(html(templateNodes("{a} and {n}", { a: "<img src=x onerror=alert(1)>", n: 100000 }))).toBe("&lt;img src=x onerror=alert(1)&gt; and 1,00,000");
  });

  it("leaves a placeholder without a value in sight", () => {
    expect(html(templateNodes("Pay {amount}", {}))).toBe("Pay {amount}");
  });

  it("the catalogs mark bold in pairs, the same lines in both languages", () => {
    const marks = (text: string): number => (text.match(/\*\*/g) ?? []).length;
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(marks(en[key]) % 2, key).toBe(0);
      expect(marks(hi[key]), key).toBe(marks(en[key]));
    }
  });

  it("no catalog line begins or ends with a space (a fragment waiting for English word order)", () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(hi)]) expect(text, key).toBe(text.trim());
  });
});
