// The UI's one view of the backend: every command, typed with the types generated from Rust
// (ui/src/gen). Screens take a `Backend`; the app passes the Tauri one, tests pass a fake.
// Argument names are snake_case, as the Rust commands declare them (rename_all = "snake_case").
import type { AppInfo } from "../gen/AppInfo";
import type { AuditEntry } from "../gen/AuditEntry";
import type { AuditFilter } from "../gen/AuditFilter";
import type { BackupFile } from "../gen/BackupFile";
import type { BackupProgress } from "../gen/BackupProgress";
import type { BackupFolder } from "../gen/BackupFolder";
import type { BackupRestored } from "../gen/BackupRestored";
import type { Booking } from "../gen/Booking";
import type { BookingFilter } from "../gen/BookingFilter";
import type { Complaint } from "../gen/Complaint";
import type { ComplaintStatus } from "../gen/ComplaintStatus";
import type { Customer } from "../gen/Customer";
import type { CustomerFields } from "../gen/CustomerFields";
import type { CustomerHome } from "../gen/CustomerHome";
import type { Cylinder } from "../gen/Cylinder";
import type { CylinderStatus } from "../gen/CylinderStatus";
import type { Dashboard } from "../gen/Dashboard";
import type { DatabaseHealth } from "../gen/DatabaseHealth";
import type { IssueType } from "../gen/IssueType";
import type { ManualAssignment } from "../gen/ManualAssignment";
import type { MarkOutcome } from "../gen/MarkOutcome";
import type { Money } from "../gen/Money";
import type { NewCustomerInput } from "../gen/NewCustomerInput";
import type { Page } from "../gen/Page";
import type { PageRequest } from "../gen/PageRequest";
import type { Payment } from "../gen/Payment";
import type { Receipt } from "../gen/Receipt";
import type { RegisterCylinders } from "../gen/RegisterCylinders";
import type { SessionInfo } from "../gen/SessionInfo";
import type { Settings } from "../gen/Settings";
import type { StaffMember } from "../gen/StaffMember";

/** Sends one command; rejects with an `ApiError`. */
export type Invoke = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

export function makeBackend(invoke: Invoke) {
  return {
    // Anyone at the window.
    appInfo: () => invoke<AppInfo>("app_info"),
    /** Whether the database was found damaged (bookings paused) and what staff can restore. */
    databaseHealth: () => invoke<DatabaseHealth>("database_health"),
    sessionInfo: () => invoke<SessionInfo>("session_info"),
    touch: () => invoke<SessionInfo>("touch"),
    setUpFirstStaff: (username: string, full_name: string, password: string) =>
      invoke<SessionInfo>("set_up_first_staff", { username, full_name, password }),
    customerLogin: (username: string, password: string) => invoke<SessionInfo>("customer_login", { username, password }),
    customerLogout: () => invoke<SessionInfo>("customer_logout"),
    staffUnlock: (username: string, password: string) => invoke<SessionInfo>("staff_unlock", { username, password }),
    staffLock: () => invoke<SessionInfo>("staff_lock"),

    // The logged-in customer.
    customerHome: () => invoke<CustomerHome>("customer_home"),
    /** `price` is the amount the customer was shown and confirmed; a different current price is a Conflict. */
    bookCylinder: (price: Money) => invoke<Receipt>("book_cylinder", { price }),
    myBookings: (page: PageRequest) => invoke<Page<Booking>>("my_bookings", { page }),
    myPayments: (page: PageRequest) => invoke<Page<Payment>>("my_payments", { page }),
    myReceipt: (booking_id: number) => invoke<Receipt>("my_receipt", { booking_id }),
    fileComplaint: (issue_type: IssueType, description: string) => invoke<Complaint>("file_complaint", { issue_type, description }),
    myComplaints: (page: PageRequest) => invoke<Page<Complaint>>("my_complaints", { page }),
    cancelMyComplaint: (complaint_id: number) => invoke<Complaint>("cancel_my_complaint", { complaint_id }),

    // Staff, behind the admin switch.
    dashboard: () => invoke<Dashboard>("dashboard"),
    listCylinders: (status: CylinderStatus | null, search: string, page: PageRequest) =>
      invoke<Page<Cylinder>>("list_cylinders", { status, search, page }),
    registerCylinders: (input: RegisterCylinders) => invoke<Cylinder[]>("register_cylinders", { input }),
    markCylinders: (ids: number[], status: CylinderStatus) => invoke<MarkOutcome>("mark_cylinders", { ids, status }),
    refillAllEmpty: () => invoke<number>("refill_all_empty"),
    cylinderHistory: (cylinder_id: number, page: PageRequest) => invoke<Page<AuditEntry>>("cylinder_history", { cylinder_id, page }),
    listBookings: (filter: BookingFilter, reference: string, page: PageRequest) =>
      invoke<Page<Booking>>("list_bookings", { filter, reference, page }),
    cancelBooking: (booking_id: number, reason: string) => invoke<Booking>("cancel_booking", { booking_id, reason }),
    /** Closes a refund the gateway refused, once staff gave the money back another way. */
    settleRefundByHand: (booking_id: number, note: string) => invoke<Booking>("settle_refund_by_hand", { booking_id, note }),
    assignManually: (input: ManualAssignment) => invoke<Receipt>("assign_manually", { input }),
    complaintQueue: (status: ComplaintStatus | null, page: PageRequest) => invoke<Page<Complaint>>("complaint_queue", { status, page }),
    setComplaintStatus: (complaint_id: number, status: ComplaintStatus, note: string) =>
      invoke<Complaint>("set_complaint_status", { complaint_id, status, note }),
    searchCustomers: (query: string, page: PageRequest) => invoke<Page<Customer>>("search_customers", { query, page }),
    createCustomer: (input: NewCustomerInput) => invoke<Customer>("create_customer", { input }),
    updateCustomer: (customer_id: number, fields: CustomerFields) => invoke<Customer>("update_customer", { customer_id, fields }),
    resetCustomerPassword: (customer_id: number, password: string) => invoke<null>("reset_customer_password", { customer_id, password }),
    getSettings: () => invoke<Settings>("get_settings"),
    updateSettings: (settings: Settings) => invoke<Settings>("update_settings", { settings }),
    auditLog: (filter: AuditFilter, page: PageRequest) => invoke<Page<AuditEntry>>("audit_log", { filter, page }),
    listStaff: () => invoke<StaffMember[]>("list_staff"),
    addStaff: (username: string, full_name: string, password: string) => invoke<StaffMember>("add_staff", { username, full_name, password }),
    /** Backs up now into the backup folder; GasDesk's oldest backups beyond the setting are deleted. */
    backUpNow: () => invoke<BackupFile>("back_up_now"),
    backupProgress: () => invoke<BackupProgress | null>("backup_progress"),
    listBackups: () => invoke<BackupFolder>("list_backups"),
    /** Office PC only; `confirmation` is the word RESTORE as typed. Every session ends afterwards. */
    restoreBackup: (name: string, confirmation: string) => invoke<BackupRestored>("restore_backup", { name, confirmation }),
  };
}

export type Backend = ReturnType<typeof makeBackend>;
