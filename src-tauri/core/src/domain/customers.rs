//! Customers: created and edited by staff; a customer sees only their own home screen.
use super::actor::{audit, Actor, NOTHING};
use super::{passwords, validate, Desk};
use crate::error::{Error, Result};
use crate::model::{Customer, CustomerFields, CustomerHome, NewCustomerInput, Page, PageRequest};
use crate::store::{NewCustomer, ProfileFields};

struct CleanFields {
    full_name: String,
    email: String,
    phone: String,
    address: String,
}

fn clean(fields: &CustomerFields) -> Result<CleanFields> {
    Ok(CleanFields {
        full_name: validate::line("full_name", &fields.full_name, 1, 100, "name")?,
        email: validate::email("email", &fields.email)?,
        phone: validate::phone("phone", &fields.phone)?,
        address: validate::paragraph("address", &fields.address, 0, 300, "address")?,
    })
}

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
            let new = NewCustomer {
                username: &username,
                full_name: &fields.full_name,
                email: &fields.email,
                phone: &fields.phone,
                address: &fields.address,
                password_hash: hash,
            };
            let id = w.insert_customer(&new, now)?;
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
            let profile =
                ProfileFields { full_name: &fields.full_name, email: &fields.email, phone: &fields.phone, address: &fields.address };
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

    /// The customer's home screen: who they are, the cylinder they hold, open complaints.
    pub fn customer_home(&self, actor: &Actor) -> Result<CustomerHome> {
        let customer_id = actor.require_customer()?;
        let settings = self.db.read(|r| self.read_settings(r))?;
        self.db.read(|r| {
            let customer = r.customer(customer_id)?.ok_or(Error::NotFound("Customer"))?;
            Ok(CustomerHome {
                cylinder: r.held_cylinder(customer_id)?,
                pending_complaints: r.pending_complaints_of_customer(customer_id)?,
                customer,
                price: settings.price,
            })
        })
    }
}
