// The UI's one view of the backend: every command, typed by the command list in Rust
// (ui/src/gen/commands.ts) and the types generated from it (ui/src/gen). Screens take a
// `Backend`; the app passes the Tauri one, tests pass a fake. Argument names are snake_case,
// as the Rust commands declare them.
import type { Commands } from "../gen/commands";
import type { AuditFilter } from "../gen/AuditFilter";
import type { BookingFilter } from "../gen/BookingFilter";
import type { ComplaintStatus } from "../gen/ComplaintStatus";
import type { CustomerFields } from "../gen/CustomerFields";
import type { CylinderFilter } from "../gen/CylinderFilter";
import type { CylinderStatus } from "../gen/CylinderStatus";
import type { CylinderTypeInput } from "../gen/CylinderTypeInput";
import type { HoldReason } from "../gen/HoldReason";
import type { IssueType } from "../gen/IssueType";
import type { ManualAssignment } from "../gen/ManualAssignment";
import type { Money } from "../gen/Money";
import type { NewCustomerInput } from "../gen/NewCustomerInput";
import type { PageRequest } from "../gen/PageRequest";
import type { RegisterCylinders } from "../gen/RegisterCylinders";
import type { Settings } from "../gen/Settings";

/** Sends one command; rejects with an `ApiError`. */
export type Invoke = (command: string, args?: Record<string, unknown>) => Promise<unknown>;

/** A command's arguments: none for a command that takes none, else exactly its `args`. */
type ArgsOf<K extends keyof Commands> = Commands[K]["args"] extends undefined ? [] : [args: Commands[K]["args"]];

export function makeBackend(invoke: Invoke) {
  // The one place a command's name, arguments and result meet their Rust declaration
  // (ui/src/gen/commands.ts): a renamed or retyped argument fails `npm run typecheck`. The
  // result is trusted as declared: Rust serialised it from that very type.
  const call = <K extends keyof Commands>(name: K, ...args: ArgsOf<K>): Promise<Commands[K]["result"]> =>
    invoke(name, args[0]) as Promise<Commands[K]["result"]>;
  return {
    // Anyone at the window.
    appInfo: () => call("app_info"),
    /** Whether the database was found damaged (bookings paused) and what staff can restore. */
    databaseHealth: () => call("database_health"),
    sessionInfo: () => call("session_info"),
    touch: () => call("touch"),
    setUpFirstStaff: (username: string, full_name: string, password: string) =>
      call("set_up_first_staff", { username, full_name, password }),
    customerLogin: (username: string, password: string) => call("customer_login", { username, password }),
    customerLogout: () => call("customer_logout"),
    staffUnlock: (username: string, password: string) => call("staff_unlock", { username, password }),
    staffLock: () => call("staff_lock"),
    /** Kiosk PCs: whether the office can be reached (answered by the kiosk's own shell). */
    kioskLink: () => call("kiosk_link"),

    // The logged-in customer.
    customerHome: () => call("customer_home"),
    /**
     * A refill of the customer's connection of `type_id`. `price` is the amount the customer was
     * shown and confirmed; a different current price is a Conflict. A refill the gap or the
     * yearly cap does not allow yet is a RefillRule, refused before any charge.
     */
    bookCylinder: (type_id: number, price: Money, idempotencyKey: string) =>
      call("book_cylinder", { type_id, price, idempotency_key: idempotencyKey }),
    myBookings: (page: PageRequest) => call("my_bookings", { page }),
    myPayments: (page: PageRequest) => call("my_payments", { page }),
    myReceipt: (booking_id: number) => call("my_receipt", { booking_id }),
    /** Records a print of a bill (the customer's own, or any for staff) and returns that copy: Original, then Duplicate. */
    printDocument: (document_id: number) => call("print_document", { document_id }),
    fileComplaint: (issue_type: IssueType, description: string) => call("file_complaint", { issue_type, description }),
    myComplaints: (page: PageRequest) => call("my_complaints", { page }),
    cancelMyComplaint: (complaint_id: number) => call("cancel_my_complaint", { complaint_id }),

    // Staff, behind the admin switch.
    dashboard: () => call("dashboard"),
    listCylinders: (filter: CylinderFilter, search: string, page: PageRequest) => call("list_cylinders", { filter, search, page }),
    /** Every cylinder type, active or not (inactive ones are kept for history). */
    cylinderTypes: () => call("cylinder_types"),
    /** Adds a type (`type_id` null) or changes one. */
    saveCylinderType: (type_id: number | null, input: CylinderTypeInput) => call("save_cylinder_type", { type_id, input }),
    /** Holds a cylinder back as Defective or Leaking (reason required), or releases it (`hold` null). */
    holdCylinder: (cylinder_id: number, hold: HoldReason | null, reason: string) => call("hold_cylinder", { cylinder_id, hold, reason }),
    /** Records the test-due stamp on a cylinder's collar (`C-27`). */
    setTestDue: (cylinder_id: number, stamp: string) => call("set_test_due", { cylinder_id, stamp }),
    registerCylinders: (input: RegisterCylinders) => call("register_cylinders", { input }),
    markCylinders: (ids: number[], status: CylinderStatus) => call("mark_cylinders", { ids, status }),
    refillAllEmpty: () => call("refill_all_empty"),
    cylinderHistory: (cylinder_id: number, page: PageRequest) => call("cylinder_history", { cylinder_id, page }),
    listBookings: (filter: BookingFilter, reference: string, page: PageRequest) =>
      call("list_bookings", { filter, reference, page }),
    cancelBooking: (booking_id: number, reason: string) => call("cancel_booking", { booking_id, reason }),
    /** Closes a refund the gateway refused, once staff gave the money back another way. */
    settleRefundByHand: (booking_id: number, note: string) => call("settle_refund_by_hand", { booking_id, note }),
    assignManually: (input: ManualAssignment) => call("assign_manually", { input }),
    /** A booking's bills: its invoice or delivery note, and a credit note when it was refunded. */
    bookingDocuments: (booking_id: number) => call("booking_documents", { booking_id }),
    complaintQueue: (status: ComplaintStatus | null, page: PageRequest) => call("complaint_queue", { status, page }),
    setComplaintStatus: (complaint_id: number, status: ComplaintStatus, note: string) =>
      call("set_complaint_status", { complaint_id, status, note }),
    searchCustomers: (query: string, page: PageRequest) => call("search_customers", { query, page }),
    createCustomer: (input: NewCustomerInput) => call("create_customer", { input }),
    updateCustomer: (customer_id: number, fields: CustomerFields) => call("update_customer", { customer_id, fields }),
    resetCustomerPassword: (customer_id: number, password: string) => call("reset_customer_password", { customer_id, password }),
    customerConnections: (customer_id: number) => call("customer_connections", { customer_id }),
    /** Adds a connection of a type, or changes its allowance; answers every connection of the customer. */
    setConnection: (customer_id: number, type_id: number, allowance: number) => call("set_connection", { customer_id, type_id, allowance }),
    getSettings: () => call("get_settings"),
    updateSettings: (settings: Settings) => call("update_settings", { settings }),
    auditLog: (filter: AuditFilter, page: PageRequest) => call("audit_log", { filter, page }),
    listStaff: () => call("list_staff"),
    addStaff: (username: string, full_name: string, password: string) => call("add_staff", { username, full_name, password }),
    /** Backs up now into the backup folder; GasDesk's oldest backups beyond the setting are deleted. */
    backUpNow: () => call("back_up_now"),
    backupProgress: () => call("backup_progress"),
    listBackups: () => call("list_backups"),
    /** Office PC only; `confirmation` is the word RESTORE as typed. Every session ends afterwards. */
    restoreBackup: (name: string, confirmation: string) => call("restore_backup", { name, confirmation }),
    /** Office PC only: whether this office serves kiosks now, where, and its certificate's fingerprint. */
    kioskServer: () => call("kiosk_server"),
    /** Office PC only: a pairing code (10 minutes, 5 tries) for a kiosk PC called `name`. */
    addKiosk: (name: string) => call("add_kiosk", { name }),
    listKiosks: () => call("list_kiosks"),
    /** Office PC only: the kiosk is refused from its next request on. */
    revokeKiosk: (device_id: number) => call("revoke_kiosk", { device_id }),
  };
}

export type Backend = ReturnType<typeof makeBackend>;
