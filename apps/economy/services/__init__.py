"""The economy's services, one module per part: budget, outcomes, forecasts, statements."""
