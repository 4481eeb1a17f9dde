// Customers: search by username / name / phone prefix, page by page; create, edit, reset a
// password; jump to a customer's bookings or audit entries.
import type { Customer } from "../../gen/Customer";
import { h } from "../../lib/dom";
import { clearErrors, type Field, field, notice } from "../../lib/form";
import { pagedTable, restartOnTyping } from "../../lib/pager";
import type { Screen } from "../../lib/screen";
import { cell } from "../../lib/table";
import { formatDate } from "../../lib/time";
import { badge, button, textArea, textInput } from "../../lib/ui";
import { checkConfirmation, checkEmail, checkNewPassword, checkOptionalLine, checkPhone, checkRequiredLine, checkUsername } from "../../lib/validate";
import type { ScreenContext } from "../context";
import { formDialog } from "../dialogs";
import { screen, screenHeader, toolbar } from "../frame";

const HEADERS = ["Username", "Name / e-mail", "Phone", "Address", "Cylinder", "Since", ""];

type DetailFields = {
  full_name: Field<HTMLInputElement>;
  email: Field<HTMLInputElement>;
  phone: Field<HTMLInputElement>;
  address: Field<HTMLTextAreaElement>;
};

function detailFields(c?: Customer): DetailFields {
  const f: DetailFields = {
    full_name: field("Full name", textInput({ testid: "customer-full-name", attrs: { maxlength: "100", autocomplete: "off" } })),
    email: field("E-mail", textInput({ testid: "customer-email", attrs: { type: "email", maxlength: "254" } }), { hint: "Optional." }),
    phone: field("Phone", textInput({ testid: "customer-phone", attrs: { type: "tel", maxlength: "20" } }), { hint: "Optional; digits, + or -." }),
    address: field("Address", textArea({ testid: "customer-address", attrs: { rows: "2", maxlength: "300" } }), { hint: "Optional.", class: "admin-field--wide" }),
  };
  if (c !== undefined) {
    f.full_name.control.value = c.full_name;
    f.email.control.value = c.email;
    f.phone.control.value = c.phone;
    f.address.control.value = c.address;
  }
  return f;
}

/** Checks the detail fields, showing each problem beside its field; true when all are fine. */
function checkDetails(f: DetailFields): boolean {
  const problems: Array<[Field, string | null]> = [
    [f.full_name, checkRequiredLine(f.full_name.control.value, "name", 100)],
    [f.email, checkEmail(f.email.control.value)],
    [f.phone, checkPhone(f.phone.control.value)],
    [f.address, checkOptionalLine(f.address.control.value, "address", 300)],
  ];
  return reportProblems(problems);
}

/** Shows each problem beside its field and focuses the first; true when there are none. */
export function reportProblems(problems: Array<[Field, string | null]>): boolean {
  let ok = true;
  for (const [f, problem] of problems) {
    f.setError(problem);
    if (problem !== null && ok) {
      f.control.focus();
      ok = false;
    }
  }
  return ok;
}

function details(f: DetailFields) {
  return {
    full_name: f.full_name.control.value.trim(),
    email: f.email.control.value.trim(),
    phone: f.phone.control.value.trim(),
    address: f.address.control.value.trim(),
  };
}

export function passwordFields(testid: string): { password: Field<HTMLInputElement>; again: Field<HTMLInputElement> } {
  return {
    password: field("Password", textInput({ testid: `${testid}-password`, attrs: { type: "password", autocomplete: "new-password", maxlength: "128" } }), {
      hint: "At least 8 characters.",
    }),
    again: field("Password again", textInput({ testid: `${testid}-password-again`, attrs: { type: "password", autocomplete: "new-password", maxlength: "128" } })),
  };
}

export function customersScreen(ctx: ScreenContext): Screen {
  const outcome = notice("customers-notice");
  const error = notice("customers-error");
  const search = field(
    "Search",
    textInput({ testid: "customers-search", attrs: { placeholder: "Start of username, name or phone", size: "32", maxlength: "64", type: "search" } }),
  );
  const create = button("New customer…", () => openCreate(), { variant: "primary", testid: "customers-new" });

  const { list } = pagedTable<Customer>({
    testid: "customers",
    headers: HEADERS,
    keyset: true,
    fetch: (page) => ctx.backend.searchCustomers(search.control.value, page),
    row,
    empty: "No customers match.",
    errors: error,
  });

  function row(c: Customer): HTMLTableRowElement {
    return h(
      "tr",
      { attrs: { "data-testid": `customer-row-${c.username}` } },
      cell(h("strong", {}, c.username)),
      cell(c.full_name, c.email === "" ? "" : h("span", { class: "admin-small admin-muted admin-block" }, c.email)),
      cell(h("span", { class: "admin-nowrap" }, c.phone === "" ? "—" : c.phone)),
      cell(h("span", { class: "admin-plain admin-small" }, c.address === "" ? "—" : c.address)),
      cell(c.has_active_cylinder ? badge("holds one", { kind: "assigned" }) : h("span", { class: "admin-muted" }, "none")),
      cell(h("span", { class: "admin-nowrap" }, formatDate(c.created_at))),
      cell(
        h(
          "div",
          { class: "admin-row-actions" },
          button("Edit…", () => openEdit(c), { variant: "ghost", testid: `customer-edit-${c.username}` }),
          button("Password…", () => openReset(c), { variant: "ghost", testid: `customer-reset-${c.username}` }),
          button("Bookings", () => ctx.navigate("bookings", { customer: { id: c.id, username: c.username } }), { variant: "ghost", testid: `customer-bookings-${c.username}` }),
          button("History", () => ctx.navigate("audit", { entity: { entity: "customer", id: c.id } }), { variant: "ghost", testid: `customer-history-${c.username}` }),
        ),
      ),
    );
  }

  function openCreate(): void {
    const username = field("Username", textInput({ testid: "customer-username", attrs: { maxlength: "32", autocomplete: "off" } }), {
      hint: "3–32 letters, digits, dot, dash or underscore. The customer logs in with it.",
    });
    const f = detailFields();
    const pw = passwordFields("customer");
    const fields = { username, ...f, password: pw.password, again: pw.again };
    formDialog(ctx.host, {
      title: "New customer",
      testid: "customer-create-dialog",
      body: [h("div", { class: "admin-form__grid" }, username.el, f.full_name.el, f.email.el, f.phone.el, pw.password.el, pw.again.el), f.address.el],
      submitLabel: "Create customer",
      fields,
      async onSubmit() {
        clearErrors(fields);
        const problems: Array<[Field, string | null]> = [
          [username, checkUsername(username.control.value)],
          [f.full_name, checkRequiredLine(f.full_name.control.value, "name", 100)],
          [f.email, checkEmail(f.email.control.value)],
          [f.phone, checkPhone(f.phone.control.value)],
          [pw.password, checkNewPassword(pw.password.control.value)],
          [pw.again, checkConfirmation(pw.password.control.value, pw.again.control.value)],
          [f.address, checkOptionalLine(f.address.control.value, "address", 300)],
        ];
        if (!reportProblems(problems)) return false;
        const created = await ctx.backend.createCustomer({
          username: username.control.value.trim(),
          ...details(f),
          password: pw.password.control.value,
        });
        outcome.ok(`Created customer ${created.username} (${created.full_name}).`);
        search.control.value = created.username;
        await list.restart();
        return true;
      },
    });
  }

  function openEdit(c: Customer): void {
    const f = detailFields(c);
    formDialog(ctx.host, {
      title: `Edit ${c.username}`,
      testid: "customer-edit-dialog",
      intro: "The username cannot be changed.",
      body: [h("div", { class: "admin-form__grid" }, f.full_name.el, f.email.el, f.phone.el), f.address.el],
      submitLabel: "Save",
      fields: f,
      async onSubmit() {
        clearErrors(f);
        if (!checkDetails(f)) return false;
        const saved = await ctx.backend.updateCustomer(c.id, details(f));
        outcome.ok(`Saved ${saved.username}'s details.`);
        await list.reload();
        return true;
      },
    });
  }

  function openReset(c: Customer): void {
    const pw = passwordFields("customer-reset");
    const fields = { password: pw.password, again: pw.again };
    formDialog(ctx.host, {
      title: `New password for ${c.username}`,
      testid: "customer-reset-dialog",
      intro: `${c.full_name} logs in with this from now on. Give it to them in person.`,
      body: [pw.password.el, pw.again.el],
      submitLabel: "Set password",
      fields,
      async onSubmit() {
        clearErrors(fields);
        const ok = reportProblems([
          [pw.password, checkNewPassword(pw.password.control.value)],
          [pw.again, checkConfirmation(pw.password.control.value, pw.again.control.value)],
        ]);
        if (!ok) return false;
        await ctx.backend.resetCustomerPassword(c.id, pw.password.control.value);
        outcome.ok(`${c.username}'s password was changed.`);
        return true;
      },
    });
  }

  restartOnTyping(search.control, list);

  void list.restart();
  return { el: screen("customers", screenHeader("Customers", "customers", create), toolbar(search.el), outcome.el, error.el, list.region, list.pager) };
}
