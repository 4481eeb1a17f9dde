// Customers: search by username / name / phone / consumer number prefix, page by page; create
// (with the first connection), edit, reset a password; a customer's details with their
// connections (customer-connections.ts); jump to a customer's bookings or audit entries.
import type { Customer } from "../../gen/Customer";
import type { CylinderType } from "../../gen/CylinderType";
import { h } from "../../lib/dom";
import { clearErrors, type Field, field, notice } from "../../lib/form";
import { pagedTable, restartOnTyping } from "../../lib/pager";
import type { Screen } from "../../lib/screen";
import { cell } from "../../lib/table";
import { formatDate } from "../../lib/time";
import { parseConsumerNo } from "../../lib/trade";
import { badge, button, detail, select, textArea, textInput } from "../../lib/ui";
import { checkConfirmation, checkEmail, checkNewPassword, checkOptionalLine, checkPhone, checkRequiredLine, checkUsername } from "../../lib/validate";
import type { ScreenContext } from "../context";
import { formDialog, viewDialog } from "../dialogs";
import { screen, screenHeader, toolbar } from "../frame";
import { allowanceChoice, connectionsPanel } from "./customer-connections";

const HEADERS = ["Username", "Consumer no.", "Name / e-mail", "Phone", "Address", "Cylinders", "Since", ""];

type DetailFields = {
  consumer_no: Field<HTMLInputElement>;
  full_name: Field<HTMLInputElement>;
  email: Field<HTMLInputElement>;
  phone: Field<HTMLInputElement>;
  address: Field<HTMLTextAreaElement>;
};

function detailFields(c?: Customer): DetailFields {
  const f: DetailFields = {
    consumer_no: field("Consumer number", textInput({ testid: "customer-consumer-no", attrs: { maxlength: "20", size: "20" } }), {
      hint: c === undefined ? "From the passbook. Empty: GasDesk makes one (GD and 8 digits)." : "On every bill. Empty keeps the current one.",
    }),
    full_name: field("Full name", textInput({ testid: "customer-full-name", attrs: { maxlength: "100", autocomplete: "off" } })),
    email: field("E-mail", textInput({ testid: "customer-email", attrs: { type: "email", maxlength: "254" } }), { hint: "Optional." }),
    phone: field("Phone", textInput({ testid: "customer-phone", attrs: { type: "tel", maxlength: "20" } }), { hint: "Optional; digits, + or -." }),
    address: field("Address", textArea({ testid: "customer-address", attrs: { rows: "2", maxlength: "300" } }), { hint: "Optional.", class: "admin-field--wide" }),
  };
  if (c !== undefined) {
    f.consumer_no.control.value = c.consumer_no;
    f.full_name.control.value = c.full_name;
    f.email.control.value = c.email;
    f.phone.control.value = c.phone;
    f.address.control.value = c.address;
  }
  return f;
}

/** Checks the detail fields, showing each problem beside its field; true when all are fine. */
function checkDetails(f: DetailFields): boolean {
  const consumerNo = parseConsumerNo(f.consumer_no.control.value);
  const problems: Array<[Field, string | null]> = [
    [f.consumer_no, "error" in consumerNo ? consumerNo.error : null],
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
  const consumerNo = parseConsumerNo(f.consumer_no.control.value);
  return {
    consumer_no: "value" in consumerNo ? consumerNo.value : "",
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
    textInput({ testid: "customers-search", attrs: { placeholder: "Start of username, name, phone or consumer no.", size: "36", maxlength: "64", type: "search" } }),
    { hint: "Matches the start of a username, name, phone number or consumer number (as printed, e.g. GD00000123)." },
  );
  let types: CylinderType[] = [];

  /** The agency's cylinder types (asked once; a failure is said where they are needed). */
  async function loadTypes(): Promise<CylinderType[]> {
    if (types.length === 0) types = await ctx.backend.cylinderTypes();
    return types;
  }
  const create = button("New customer…", () => void openCreate(), { variant: "primary", testid: "customers-new" });

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
      cell(h("span", { class: "admin-code", attrs: { "data-testid": `customer-consumer-no-${c.username}` } }, c.consumer_no)),
      cell(c.full_name, c.email === "" ? "" : h("span", { class: "admin-small admin-muted admin-block" }, c.email)),
      cell(h("span", { class: "admin-nowrap" }, c.phone === "" ? "—" : c.phone)),
      cell(h("span", { class: "admin-plain admin-small" }, c.address === "" ? "—" : c.address)),
      cell(c.has_active_cylinder ? badge("holds cylinders", { kind: "assigned" }) : h("span", { class: "admin-muted" }, "none")),
      cell(h("span", { class: "admin-nowrap" }, formatDate(c.created_at))),
      cell(
        h(
          "div",
          { class: "admin-row-actions" },
          button("Details…", () => void openDetails(c), { variant: "ghost", testid: `customer-details-${c.username}` }),
          button("Edit…", () => openEdit(c), { variant: "ghost", testid: `customer-edit-${c.username}` }),
          button("Password…", () => openReset(c), { variant: "ghost", testid: `customer-reset-${c.username}` }),
          button("Bookings", () => ctx.navigate("bookings", { customer: { id: c.id, username: c.username } }), { variant: "ghost", testid: `customer-bookings-${c.username}` }),
          button("History", () => ctx.navigate("audit", { entity: { entity: "customer", id: c.id } }), { variant: "ghost", testid: `customer-history-${c.username}` }),
        ),
      ),
    );
  }

  async function openCreate(): Promise<void> {
    let offered: CylinderType[] = [];
    try {
      offered = (await loadTypes()).filter((t) => t.active);
    } catch {
      // The type box says so; the backend names the problem if staff go on.
    }
    const username = field("Username", textInput({ testid: "customer-username", attrs: { maxlength: "32", autocomplete: "off" } }), {
      hint: "3–32 letters, digits, dot, dash or underscore. The customer logs in with it.",
    });
    const f = detailFields();
    const pw = passwordFields("customer");
    const kind = field(
      "Type",
      select<string>([{ value: "", label: "Choose the type…" }, ...offered.map((t) => ({ value: String(t.id), label: t.name }))], offered[0] === undefined ? "" : String(offered[0].id), {
        testid: "customer-type",
      }),
      { hint: offered.length === 0 ? "No active cylinder type: add one on the Cylinder types screen." : "More connections can be added from the customer's details." },
    );
    const allowance = allowanceChoice("customer-allowance", "Cylinders at once");
    const fields = { username, ...f, password: pw.password, again: pw.again, type_id: kind, allowance: allowance.group };
    formDialog(ctx.host, {
      title: "New customer",
      testid: "customer-create-dialog",
      body: [
        h("div", { class: "admin-form__grid" }, username.el, f.consumer_no.el, f.full_name.el, f.phone.el, f.email.el, f.address.el),
        h("div", { class: "admin-form__grid" }, pw.password.el, pw.again.el),
        h(
          "fieldset",
          { class: "admin-fieldset admin-settings-group", attrs: { "data-testid": "customer-first-connection" } },
          h("legend", {}, "First connection"),
          h("div", { class: "admin-form__grid" }, kind.el, allowance.el),
        ),
      ],
      submitLabel: "Create customer",
      fields,
      async onSubmit() {
        clearErrors(fields);
        const consumerNo = parseConsumerNo(f.consumer_no.control.value);
        const problems: Array<[Field, string | null]> = [
          [username, checkUsername(username.control.value)],
          [f.consumer_no, "error" in consumerNo ? consumerNo.error : null],
          [f.full_name, checkRequiredLine(f.full_name.control.value, "name", 100)],
          [f.email, checkEmail(f.email.control.value)],
          [f.phone, checkPhone(f.phone.control.value)],
          [pw.password, checkNewPassword(pw.password.control.value)],
          [pw.again, checkConfirmation(pw.password.control.value, pw.again.control.value)],
          [f.address, checkOptionalLine(f.address.control.value, "address", 300)],
          [kind, kind.control.value === "" ? "Choose the type of their first connection." : null],
        ];
        const count = allowance.value();
        const ok = reportProblems(problems);
        allowance.group.setError("error" in count ? count.error : null);
        if (!ok || "error" in count) return false;
        const created = await ctx.backend.createCustomer({
          username: username.control.value.trim(),
          ...details(f),
          type_id: Number(kind.control.value),
          allowance: count.value,
          password: pw.password.control.value,
        });
        outcome.ok(`Created customer ${created.username} (${created.full_name}), consumer number ${created.consumer_no}.`);
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
      body: [h("div", { class: "admin-form__grid" }, f.consumer_no.el, f.full_name.el, f.email.el, f.phone.el), f.address.el],
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

  /** The customer's details and their connections. */
  async function openDetails(c: Customer): Promise<void> {
    let known: CylinderType[] = [];
    try {
      known = await loadTypes();
    } catch {
      // Their connections still show; adding one needs the types, and says so when tried.
    }
    const facts = h(
      "dl",
      { class: "details admin-dl", attrs: { "data-testid": "customer-details-facts" } },
      detail("Consumer number", c.consumer_no, "customer-details-consumer-no"),
      detail("Name", c.full_name),
      detail("Phone", c.phone === "" ? "—" : c.phone),
      detail("E-mail", c.email === "" ? "—" : c.email),
      detail("Address", h("span", { class: "admin-plain" }, c.address === "" ? "—" : c.address)),
      detail("Customer since", formatDate(c.created_at)),
    );
    viewDialog(ctx.host, {
      title: `${c.username}: details and connections`,
      testid: "customer-details",
      body: [facts, connectionsPanel(ctx, c, known)],
      onClose: () => void list.reload(),
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
