//! Customers: created and edited by staff; a customer sees only their own home screen.
use super::actor::{audit, Actor, NOTHING};
use super::{passwords, validate, Desk};
use crate::error::{Error, Result};
use crate::model::{Customer, CustomerFields, CustomerHome, NewCustomerInput, Page, PageRequest};
use crate::store::{NewCustomer, ProfileFields};

struct CleanFields {
    consumer_no: String,
    full_name: String,
    email: String,
    phone: String,
    address: String,
}

fn clean(fields: &CustomerFields) -> Result<CleanFields> {
    Ok(CleanFields {
        consumer_no: consumer_no(&fields.consumer_no)?,
        full_name: validate::line("full_name", &fields.full_name, 1, 100, "name")?,
        email: validate::email("email", &fields.email)?,
        phone: validate::phone("phone", &fields.phone)?,
        address: validate::paragraph("address", &fields.address, 0, 300, "address")?,
    })
}

/// A consumer number as staff typed it: letters, digits, `-` and `/`, up to 20; upper-cased.
/// Empty means "make one".
fn consumer_no(raw: &str) -> Result<String> {
    let cleaned = raw.trim().to_ascii_uppercase();
    if cleaned.len() <= 20 && cleaned.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/')) {
        Ok(cleaned)
    } else {
        Err(Error::invalid(
            "consumer_no",
            "A consumer number is up to 20 letters and digits (- and / allowed), as printed on the customer's passbook.",
        ))
    }
}

/// `GD` and 8 digits: the numbers the database makes from row ids (migration V9). A typed one
/// could take the number a later customer is given, and that customer could not be created.
fn is_generated_consumer_no(number: &str) -> bool {
    number.len() == 10 && number.starts_with("GD") && number[2..].chars().all(|c| c.is_ascii_digit())
}

const GENERATED_RANGE: &str =
    "Numbers of the form GD and 8 digits are made by GasDesk. Type the consumer number from the customer's passbook, or leave it empty.";

impl Desk {
    pub fn create_customer(&self, actor: &Actor, input: &NewCustomerInput) -> Result<Customer> {
        actor.require_staff_or_system()?;
        validate::password("password", &input.password)?;
        let hash = passwords::hash(&input.password, self.config.password_cost)?;
        self.create_customer_with_hash(actor, input, &hash)
    }

    /// Creates a customer whose password is already hashed (the demo generator reuses one).
    pub(crate) fn create_customer_with_hash(&self, actor: &Actor, input: &NewCustomerInput, hash: &str) -> Result<Customer> {
        actor.require_staff_or_system()?;
        let username = validate::username("username", &input.username)?;
        let fields = clean(&CustomerFields {
            consumer_no: input.consumer_no.clone(),
            full_name: input.full_name.clone(),
            email: input.email.clone(),
            phone: input.phone.clone(),
            address: input.address.clone(),
        })?;
        let now = self.now();
        self.db.write(|w| {
            if w.customer_username_taken(&username)? {
                return Err(Error::invalid("username", "That username is taken. Try another."));
            }
            if !fields.consumer_no.is_empty() && w.consumer_no_taken(&fields.consumer_no, 0)? {
                return Err(Error::invalid("consumer_no", "Another customer has that consumer number."));
            }
            if is_generated_consumer_no(&fields.consumer_no) {
                return Err(Error::invalid("consumer_no", GENERATED_RANGE));
            }
            let kind =
                w.cylinder_type(input.type_id)?.ok_or_else(|| Error::invalid("type_id", "Choose the connection's cylinder type."))?;
            if !kind.active {
                return Err(Error::invalid("type_id", format!("{} is no longer sold; choose an active type.", kind.name)));
            }
            if !(1..=20).contains(&input.allowance) {
                return Err(Error::invalid(
                    "allowance",
                    "A connection allows 1 to 20 cylinders at once (single-bottle 1, double-bottle 2).",
                ));
            }
            let new = NewCustomer {
                username: &username,
                consumer_no: Some(fields.consumer_no.as_str()).filter(|c| !c.is_empty()),
                full_name: &fields.full_name,
                email: &fields.email,
                phone: &fields.phone,
                address: &fields.address,
                password_hash: hash,
            };
            let id = w.insert_customer(&new, now)?;
            w.insert_connection(id, input.type_id, input.allowance, now)?;
            let customer = w.customer(id)?.ok_or(Error::NotFound("Customer"))?;
            audit(w, actor, "customer.create", ("customer", id), NOTHING, Some(&customer), now)?;
            Ok(customer)
        })
    }

    pub fn update_customer(&self, actor: &Actor, customer_id: i64, fields: &CustomerFields) -> Result<Customer> {
        actor.require_staff()?;
        let fields = clean(fields)?;
        let now = self.now();
        self.db.write(|w| {
            let before = w.customer(customer_id)?.ok_or(Error::NotFound("Customer"))?;
            // Empty keeps the number the customer has (they always have one).
            let consumer_no = if fields.consumer_no.is_empty() { before.consumer_no.clone() } else { fields.consumer_no.clone() };
            // A customer keeps their own generated number; nobody takes another's to come.
            if consumer_no != before.consumer_no && is_generated_consumer_no(&consumer_no) {
                return Err(Error::invalid("consumer_no", GENERATED_RANGE));
            }
            if w.consumer_no_taken(&consumer_no, customer_id)? {
                return Err(Error::invalid("consumer_no", "Another customer has that consumer number."));
            }
            let profile = ProfileFields {
                consumer_no: &consumer_no,
                full_name: &fields.full_name,
                email: &fields.email,
                phone: &fields.phone,
                address: &fields.address,
            };
            w.update_customer_profile(customer_id, &profile, now)?;
            let after = w.customer(customer_id)?.ok_or(Error::NotFound("Customer"))?;
            audit(w, actor, "customer.update", ("customer", customer_id), Some(&before), Some(&after), now)?;
            Ok(after)
        })
    }

    pub fn reset_customer_password(&self, actor: &Actor, customer_id: i64, new_password: &str) -> Result<()> {
        actor.require_staff()?;
        validate::password("password", new_password)?;
        let hash = passwords::hash(new_password, self.config.password_cost)?;
        let now = self.now();
        self.db.write(|w| {
            let customer = w.customer(customer_id)?.ok_or(Error::NotFound("Customer"))?;
            w.set_customer_password(customer_id, &hash, now)?;
            w.clear_login_failures("customer", &customer.username)?;
            let change = serde_json::json!({ "password": "changed" });
            audit(w, actor, "customer.reset_password", ("customer", customer_id), NOTHING, Some(&change), now)
        })
    }

    pub fn customer(&self, actor: &Actor, customer_id: i64) -> Result<Customer> {
        actor.require_staff()?;
        self.db.read(|r| r.customer(customer_id))?.ok_or(Error::NotFound("Customer"))
    }

    /// Staff search: start of username, name or phone; empty query lists newest first.
    pub fn search_customers(&self, actor: &Actor, query: &str, page: &PageRequest) -> Result<Page<Customer>> {
        actor.require_staff()?;
        let query = validate::search(query);
        let rows = self.db.read(|r| r.search_customers(&query, page))?;
        Ok(Page::from_rows(rows, page))
    }

    /// The customer's home screen: who they are, the cylinders they hold, their connections
    /// (with when each can be refilled), open complaints.
    pub fn customer_home(&self, actor: &Actor) -> Result<CustomerHome> {
        let customer_id = actor.require_customer()?;
        let now = self.now();
        self.db.read(|r| {
            let customer = r.customer(customer_id)?.ok_or(Error::NotFound("Customer"))?;
            Ok(CustomerHome {
                cylinders: r.held_cylinders(customer_id)?,
                connections: self.connections_with_standing(r, customer_id, now)?,
                pending_complaints: r.pending_complaints_of_customer(customer_id)?,
                customer,
            })
        })
    }
}
