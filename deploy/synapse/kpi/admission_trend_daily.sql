-- Admission volume per day (UTC) and admitting department, with the calendar attributes of dim_date for
-- weekday / weekend and month comparisons.
SELECT
    d.date_key,
    d.date AS admission_date,
    d.year AS admission_year,
    d.month AS admission_month,
    d.day_name,
    d.is_weekend,
    f.hospital_id,
    f.admission_department AS department,
    COUNT(*) AS admissions
FROM gold.fact_admission AS f
JOIN gold.dim_date AS d ON d.date_key = f.date_key
GROUP BY d.date_key, d.date, d.year, d.month, d.day_name, d.is_weekend, f.hospital_id, f.admission_department
