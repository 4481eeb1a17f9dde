//! The fixed vocabularies of the spec. Each enum's text is exactly the word stored in SQLite
//! (the schema's CHECK constraints list the same words) and shown in the UI.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares an enum whose variants map one-to-one to stored/displayed words.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn from_word(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(CylinderStatus { Filled => "Filled", Assigned => "Assigned", Empty => "Empty" });
word_enum!(BookingStatus { Pending => "Pending", Completed => "Completed", Cancelled => "Cancelled" });
word_enum!(
    /// Who made the booking: the customer at a kiosk, or staff assigning by hand.
    BookingSource { SelfService => "SelfService", Manual => "Manual" }
);
word_enum!(
    /// `Pending` is written before the gateway is called; see the booking flow.
    PaymentStatus { Pending => "Pending", Success => "Success", Failed => "Failed", Refunded => "Refunded" }
);
word_enum!(
    /// A refund's progress: `Pending` is written before the gateway is asked; `Refunded` only
    /// once the gateway said so; `Failed` when it refused (retried by reconcile).
    RefundState { Pending => "Pending", Refunded => "Refunded", Failed => "Failed" }
);
word_enum!(PaymentMethod { Gateway => "Gateway", Cash => "Cash" });
word_enum!(IssueType {
    GasLeak => "Gas Leak",
    BillingIssue => "Billing Issue",
    RegulatorIssue => "Regulator Issue",
    Other => "Other",
});
word_enum!(ComplaintStatus { Pending => "Pending", Completed => "Completed", Cancelled => "Cancelled" });
word_enum!(
    /// A manual assignment is either paid in cash at the counter or free (e.g. a replacement).
    ManualPayment { Cash => "Cash", Free => "Free" }
);
word_enum!(
    /// What a cylinder type is sold for: the GST rate differs (domestic 5 %, commercial 18 %).
    CylinderCategory { Domestic => "Domestic", Commercial => "Commercial" }
);
word_enum!(
    /// Why staff hold a cylinder back from handing out.
    HoldReason { Defective => "Defective", Leaking => "Leaking" }
);
word_enum!(
    /// A GST document: a tax invoice for a sale, a credit note reversing one, a zero-value
    /// delivery note for a free replacement.
    DocumentKind { Invoice => "Invoice", CreditNote => "CreditNote", DeliveryNote => "DeliveryNote" }
);
word_enum!(
    /// The first print of a document is the original; every later one says "Duplicate".
    DocumentCopy { Original => "Original", Duplicate => "Duplicate" }
);
