-- Admissions and average length of stay by the patient's age_band, as it was at admission (the dim_patient version
-- of the stay's patient_sk). Patients with no age_band on record are 'Not recorded'.
SELECT
    COALESCE(p.age_band, 'Not recorded') AS age_band,
    COUNT(*) AS admissions,
    SUM(CASE WHEN f.end_reason = 'discharge' AND f.length_of_stay_hours IS NOT NULL THEN 1 ELSE 0 END) AS discharges,
    SUM(CASE WHEN f.end_reason = 'discharge' AND f.length_of_stay_hours IS NOT NULL THEN f.length_of_stay_hours ELSE 0 END)
        / NULLIF(SUM(CASE WHEN f.end_reason = 'discharge' AND f.length_of_stay_hours IS NOT NULL THEN 1 ELSE 0 END), 0) AS alos_hours
FROM gold.fact_admission AS f
LEFT JOIN gold.dim_patient AS p ON p.patient_sk = f.patient_sk
GROUP BY COALESCE(p.age_band, 'Not recorded')
