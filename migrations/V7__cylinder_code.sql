-- A cylinder's human code (painted on it, e.g. 'ABC123') was in a column named cylinder_id,
-- while bookings.cylinder_id and returned_cylinder_id hold a cylinder's row id: one name with
-- two meanings (issue 10). The code is now `code`. SQLite rewrites what names the column with it
-- (the column's own CHECK and the cylinders_status index); no trigger or view names it, and the
-- bookings columns, which reference cylinders(id), are untouched.
ALTER TABLE cylinders RENAME COLUMN cylinder_id TO code;
