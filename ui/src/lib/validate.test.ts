import { describe, expect, it } from "vitest";
import {
  charCount,
  checkConfirmation,
  checkEmail,
  checkNewPassword,
  checkOptionalLine,
  checkPhone,
  checkRequiredLine,
  checkUsername,
  hasErrors,
  validateLogin,
  validateSetup,
} from "./validate";

describe("charCount", () => {
  it("counts characters as the backend does, not UTF-16 units", () => {
    expect(charCount("abc")).toBe(3);
    expect(charCount("गैस")).toBe(3);
    expect(charCount("🔥🔥")).toBe(2);
    expect("🔥🔥".length).toBe(4);
  });
});

describe("checkUsername", () => {
  it.each(["abc", "asha.rao", "customer_12", "A-b-C", "x".repeat(32), "  padded  "])("accepts %j", (name) => {
    expect(checkUsername(name)).toBeNull();
  });

  it("explains what is wrong", () => {
    expect(checkUsername("")).toBe("Please enter a username.");
    expect(checkUsername("ab")).toBe("A username has 3 to 32 characters.");
    expect(checkUsername("x".repeat(33))).toBe("A username has 3 to 32 characters.");
    expect(checkUsername("asha rao")).toMatch(/only letters, digits/);
    expect(checkUsername("<script>")).toMatch(/only letters, digits/);
  });
});

describe("passwords", () => {
  it("needs 8 to 128 characters", () => {
    expect(checkNewPassword("")).toBe("Please choose a password.");
    expect(checkNewPassword("1234567")).toMatch(/at least 8/);
    expect(checkNewPassword("12345678")).toBeNull();
    expect(checkNewPassword("x".repeat(129))).toMatch(/at most 128/);
  });

  it("needs the confirmation to match exactly", () => {
    expect(checkConfirmation("secret123", "")).toMatch(/again/);
    expect(checkConfirmation("secret123", "secret124")).toMatch(/not the same/);
    expect(checkConfirmation("secret123", "secret123")).toBeNull();
  });
});

describe("validateLogin", () => {
  it("asks for both boxes and nothing more", () => {
    expect(validateLogin("", "")).toEqual({ username: "Please enter your username.", password: "Please enter your password." });
    expect(validateLogin("  ", "x")).toEqual({ username: "Please enter your username." });
    expect(hasErrors(validateLogin("a", "b"))).toBe(false);
  });
});

describe("validateSetup", () => {
  const good = { username: "admin", fullName: "Agency Admin", password: "admin12345", confirm: "admin12345" };

  it("accepts a complete first account", () => {
    expect(validateSetup(good)).toEqual({});
  });

  it("names each bad field", () => {
    expect(Object.keys(validateSetup({ username: "a", fullName: " ", password: "short", confirm: "" })).sort()).toEqual([
      "full_name",
      "password",
      "username",
    ]);
    expect(validateSetup({ ...good, confirm: "admin1234" })).toEqual({ confirm: "The two passwords are not the same." });
    expect(validateSetup({ ...good, fullName: "x".repeat(101) })["full_name"]).toMatch(/at most 100/);
  });
});

describe("staff form checks", () => {
  it("checks usernames, passwords, e-mail and phone like the backend", () => {
    expect(checkUsername("customer_1")).toBeNull();
    expect(checkUsername("ab")).toBe("A username has 3 to 32 characters.");
    expect(checkUsername("a b c")).toBe("Use only letters, digits, dot, dash or underscore in a username.");
    expect(checkNewPassword("short")).toBe("A password needs at least 8 characters.");
    expect(checkNewPassword("long enough")).toBeNull();
    expect(checkConfirmation("secret123", "secret124")).toBe("The two passwords are not the same.");
    expect(checkEmail("")).toBeNull();
    expect(checkEmail("asha@example.com")).toBeNull();
    expect(checkEmail("asha@example")).not.toBeNull();
    expect(checkPhone("")).toBeNull();
    expect(checkPhone("+91 98400-12345")).toBeNull();
    expect(checkPhone("12ab")).not.toBeNull();
  });

  it("counts characters, not UTF-16 units, for length limits", () => {
    expect(checkRequiredLine("😀".repeat(300), "reason", 300)).toBeNull();
    expect(checkRequiredLine("😀".repeat(301), "reason", 300)).toBe("The reason can have at most 300 characters (it has 301).");
    expect(checkRequiredLine("   ", "reason", 300)).toBe("Please enter the reason.");
  });

  it("lets an optional line be empty but not too long", () => {
    expect(checkOptionalLine("   ", "address", 300)).toBeNull();
    expect(checkOptionalLine("x".repeat(301), "address", 300)).toBe("The address can have at most 300 characters (it has 301).");
  });
});
