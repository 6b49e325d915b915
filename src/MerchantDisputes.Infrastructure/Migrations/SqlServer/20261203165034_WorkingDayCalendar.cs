using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantDisputes.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WorkingDayCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeadlineFrom",
                table: "Disputes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeadlineWindow",
                table: "Disputes",
                type: "varchar(16)",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FinalNoticeAt",
                table: "Disputes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemindedAt",
                table: "Disputes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalendarChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    IsOffDay = table.Column<bool>(type: "bit", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    MovedDeadlines = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendarChanges_AspNetUsers_ChangedBy",
                        column: x => x.ChangedBy,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarChanges_ChangedAt",
                table: "CalendarChanges",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarChanges_ChangedBy",
                table: "CalendarChanges",
                column: "ChangedBy");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarChanges_Date_ChangedAt",
                table: "CalendarChanges",
                columns: new[] { "Date", "ChangedAt" });

            // EscalationLevel 3 is now FinalNotice; cases already listed publicly keep their level, now 4.
            migrationBuilder.Sql("UPDATE Disputes SET EscalationLevel = 4 WHERE EscalationLevel = 3;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE Disputes SET EscalationLevel = 3 WHERE EscalationLevel >= 3;");

            migrationBuilder.DropTable(
                name: "CalendarChanges");

            migrationBuilder.DropColumn(
                name: "DeadlineFrom",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "DeadlineWindow",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "FinalNoticeAt",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "Disputes");
        }
    }
}
